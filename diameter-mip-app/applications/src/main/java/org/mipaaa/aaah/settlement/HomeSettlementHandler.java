package org.mipaaa.aaah.settlement;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.mipaaa.aaah.auth.AaamMessageAuthentication;
import org.mipaaa.aaah.auth.AuthenticatedMobileNode;
import org.mipaaa.aaah.auth.MobileNodeHandler;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.Money;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.messages.PaidPurchase;
import org.mipaaa.messages.SettlementNotice;
import org.mipaaa.registration.VisitedRealms;
import org.mipaaa.settlement.SettlementRecord;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
import org.mipaaa.settlement.SettlingTerminals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's Settlement-Request from a mobile node (seed Figs. 16-17, S207-S211, with the user's
 * confirmation; docs/PROTOCOL.md §4.2-§4.4), straight or relayed by the AAAF.
 *
 * <ol>
 * <li><b>decode / validate</b>: behind the {@link org.mipaaa.aaah.auth.MobileNodeGate}: the
 *     AAAM-Authenticator first (5805 unsigned, nothing done); User-Name must be the association's NAI
 *     (5003). Purchase-Info and Settlement-Mode present (5005), a positive
 *     amount in the account database's currency and minor unit, a Payee-Id with a realm (5004).</li>
 * <li><b>act, exactly once</b>: the settlement is keyed by the SER (NAI, Session-Id, End-to-End
 *     Identifier: what every copy shares) in the fsynced {@link SettlementStore}; a copy finds it and is
 *     answered from its state. A new one is stored AWAITING_CONFIRMATION, then the UCR goes to the mobile
 *     node (signed) as an exchange of its own, with the user's whole confirmation window as its timeout
 *     ({@link ConfirmationWindow}); on an authentic UCA CONFIRMED it is stored CONFIRMED, and the payee
 *     side settles ({@link PayeeSide}): the PNR goes to the payee's AAAY (S208), or, when the carrier's
 *     agreement says the payee's terminal has the AAA function ({@link SettlingTerminals}, fixed when the
 *     settlement is opened), a SER to that terminal; on its 2001 (S210) the charge +X is recorded in the
 *     account database and the settlement stored SETTLED. The charge is recorded only after that answer,
 *     so the AAAH never holds a charge the payee side does not know; CONFIRMED is durable before the
 *     request, and it is idempotent per Settlement-Id at the AAAY and the terminal, so a copy of the SER
 *     after a crash sends it again and an acknowledged payment is still recorded. A request without
 *     answer in time is voided at the payee side ({@link PayeeVoids}), which may have booked it after all.</li>
 * <li><b>answer</b> (S211): when the user decides within the inline wait, the final outcome: 2001 with
 *     Settlement-Id; 5801 (CANCEL), 4801 (no authentic confirmation in time), or the payee side's
 *     refusal / 3002: nothing charged. Otherwise at once 1801 CONFIRMATION_PENDING with the Settlement-Id
 *     (a person may take tens of seconds, longer than any agent on the way keeps the SER open); the
 *     mobile node asks for the outcome with a SER carrying that Settlement-Id, answered the same way.
 *     Signed.</li>
 * </ol>
 */
public final class HomeSettlementHandler implements MobileNodeHandler {

    private static final Logger log = LoggerFactory.getLogger(HomeSettlementHandler.class);

    private final AaamMessageAuthentication authentication;
    private final SettlementStore store;
    private final AccountDatabase ledger;
    private final Currency ledgerCurrency;
    private final NextHopRequest toMobileNode;
    private final VisitedRealms visited;
    private final PayeeSides payeeSides;
    private final long vendorId;
    private final Clock clock;
    private final SettlementAnswers settlementAnswers;
    private final PayeeVoids voids;
    private final ConfirmationWindow window;
    /**
     * The settlements this node is carrying on (the user deciding, the payee side being told): what a
     * copy of the SER or a mobile node asking for the outcome waits on. Bounded by
     * {@link ConfirmationWindow#maxOpen()}; an entry goes when its settlement has its final state.
     */
    private final ConcurrentHashMap<String, InFlight> inFlight = new ConcurrentHashMap<>();

    /**
     * A settlement being carried on: as opened (AWAITING_CONFIRMATION), decided when the UCA (or its
     * absence) has moved it, finished at its final state.
     */
    private record InFlight(SettlementRecord opened, CompletableFuture<SettlementRecord> decided,
                            CompletableFuture<SettlementRecord> finished) {
    }

    /**
     * @param toMobileNode sends the UCR; its timeout is the user's confirmation window
     * @param payeeSides   where a settlement is settled (the payee's AAAY, or its terminal with the AAA function)
     * @param window       how long a SER waits for the user before it is answered CONFIRMATION_PENDING
     */
    HomeSettlementHandler(AaamMessageAuthentication authentication, SettlementStore store, AccountDatabase ledger,
                          Currency ledgerCurrency, NextHopRequest toMobileNode, VisitedRealms visited, PayeeSides payeeSides,
                          PayeeVoids voids, Clock clock, ConfirmationWindow window) {
        this.authentication = authentication;
        this.visited = visited;
        this.store = store;
        this.ledger = ledger;
        this.ledgerCurrency = ledgerCurrency;
        this.toMobileNode = toMobileNode;
        this.payeeSides = payeeSides;
        this.vendorId = payeeSides.vendorId();
        this.clock = clock;
        this.settlementAnswers = new SettlementAnswers(vendorId);
        this.voids = voids;
        this.window = window;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request, AuthenticatedMobileNode node) {
        String nai = node.nai();
        PaidPurchase purchase;
        byte[] purchaseInfo;
        int mode;
        String sessionId;
        Optional<String> askedFor;
        try {
            AvpSet avps = request.getAvps();
            sessionId = Avps.utf8(Avps.require(avps, AvpCodes.SESSION_ID, "Session-Id"));
            purchase = PaidPurchase.in(avps, vendorId);
            purchaseInfo = purchase.encoded();
            mode = SettlementNotice.mode(avps, vendorId);
            validate(purchase);
            Avp id = avps.getAvp(VendorAvpCodes.SETTLEMENT_ID, vendorId);
            askedFor = id == null ? Optional.empty() : Optional.of(Avps.utf8(id));
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        if (askedFor.isPresent()) {
            // the mobile node asks what became of a settlement it was answered CONFIRMATION_PENDING for
            return outcomeOf(askedFor.get(), nai);
        }
        String key = SettlementStore.requestKey(nai, sessionId, request.getEndToEndIdentifier());
        Optional<SettlementRecord> known = store.byRequest(key);
        if (known.isEmpty() && inFlight.size() >= window.maxOpen()) {
            log.warn("SER {} of {}: {} settlements are already open: 3004", purchase.orderReference(), nai, inFlight.size());
            return Outcome.refusal(ResultCodes.TOO_BUSY, "too many settlements wait for their users").now();
        }
        // where it will be settled is fixed now, by the carrier's agreement, never by what the mobile node sends
        Optional<SettlingTerminals.Terminal> terminal = payeeSides.terminalFor(purchase.payee());
        SettlementRecord fresh = SettlementRecord.opened(UUID.randomUUID().toString(), key, nai, purchase.payee(), purchase.orderReference(),
                purchase.goodsLine(), purchase.amount(), purchase.currency(), mode, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                terminal.map(SettlingTerminals.Terminal::host).orElse(""), terminal.map(SettlingTerminals.Terminal::realm).orElse(""));
        // a copy of the SER finds the settlement its first request opened, with what the user confirmed
        // then: it is carried on as stored, whatever Purchase-Info the copy brings (issue 14, attack 9)
        Optional<SettlementRecord> earlier = store.open(fresh, purchaseInfo);
        CompletionStage<SettlementRecord> settled = earlier.isPresent()
                ? carryOn(earlier.get())
                : within(confirm(request, fresh, purchase, node));
        return answer(settled, key, nai);
    }

    /** The SEA for where the settlement stands once {@code settled} completes. */
    private CompletionStage<Outcome> answer(CompletionStage<SettlementRecord> settled, String what, String nai) {
        return settled.handle((s, failure) -> {
            if (failure != null) {
                // what the state says is unknown here: 5012, and the settlement stays as stored
                log.error("settlement of {} failed", what, failure);
                return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "the settlement could not be completed");
            }
            log.info("SER {} of {}: settlement {} is {}", s.orderReference(), nai, s.settlementId(), s.state());
            return settlementAnswers.of(s);
        });
    }

    /**
     * A SER with the Settlement-Id of one of the node's own settlements: answered with where it stands,
     * after waiting for it as a new SER would (the user's decision, then the payee side). Another user's
     * settlement, or none: 5803, as if it did not exist.
     */
    private CompletionStage<Outcome> outcomeOf(String settlementId, String nai) {
        Optional<SettlementRecord> s = store.byId(settlementId).filter(r -> r.nai().equals(nai));
        if (s.isEmpty()) {
            log.info("SER of {} asks for settlement {}: none of this user's", nai, settlementId);
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_SETTLEMENT, "no settlement " + settlementId + " of this user")
                    .now();
        }
        return answer(carryOn(s.get()), settlementId, nai);
    }

    /** A settlement that exists: waited for while this node carries it on, else answered from its state or carried on from it. */
    private CompletionStage<SettlementRecord> carryOn(SettlementRecord s) {
        InFlight open = inFlight.get(s.settlementId());
        return open != null ? within(open) : resume(s);
    }

    /**
     * The settlement's final state when the user decides within the inline wait (then the payee side
     * is waited for too); else where it stands now (AWAITING_CONFIRMATION: answered CONFIRMATION_PENDING).
     */
    private CompletionStage<SettlementRecord> within(InFlight open) {
        return toMobileNode.within(open.decided().thenApply(Optional::of), window.inlineWait(), Optional.empty())
                // decided just as the wait ended: the payee side is waited for all the same
                .thenCompose(decided -> decided.isPresent() || open.decided().isDone()
                        ? open.finished()
                        : CompletableFuture.completedFuture(open.opened()));
    }

    /**
     * A copy of a SER whose counter was used (authentic, but not fresh) and whose settlement has had its
     * final answer: answered again from the stored state, signed, nothing done. This is what answers a
     * retransmission the node's duplicate detection no longer holds (its answers are kept in memory:
     * after a restart). Anything else replayed stays 5805.
     */
    @Override
    public Optional<Outcome> answeredBefore(Request request, String signerNai) {
        String sessionId = SettlementAnswers.utf8(request, AvpCodes.SESSION_ID);
        String key = SettlementStore.requestKey(signerNai, sessionId, request.getEndToEndIdentifier());
        return store.byRequest(key).filter(s -> s.state().answered()).map(s -> {
            log.info("SER copy for settlement {} ({}) answered from its state", s.settlementId(), s.state());
            return settlementAnswers.of(s);
        });
    }

    /**
     * A copy of a SER whose settlement exists: answered from its state, or carried on where it stopped,
     * with the settlement as stored (never what the copy says).
     */
    private CompletionStage<SettlementRecord> resume(SettlementRecord s) {
        log.info("SER copy for settlement {} ({})", s.settlementId(), s.state());
        return switch (s.state()) {
            // not carried on by this node: another member of a cluster may be waiting for its UCA (answered
            // as it stands: CONFIRMATION_PENDING); past any node's wait, nobody is, and ending it is safe
            // (compare-and-set, nothing charged)
            case AWAITING_CONFIRMATION -> CompletableFuture.completedFuture(
                    s.openedAt().plus(window.awaitedFor()).isBefore(clock.instant()) ? move(s, s.in(SettlementState.TIMED_OUT)) : s);
            case CONFIRMED -> settleAtPayee(s);
            default -> CompletableFuture.completedFuture(s);
        };
    }

    /**
     * Sends the UCR and acts on the UCA, as its own exchange: the user has the whole confirmation window
     * (the UCR's timeout), whether or not the SER was answered meanwhile. Registered in {@link #inFlight}
     * until the settlement has its final state.
     */
    private InFlight confirm(Request ser, SettlementRecord s, PaidPurchase purchase, AuthenticatedMobileNode node) {
        String mobileNode = SettlementAnswers.utf8(ser, AvpCodes.ORIGIN_HOST);
        String realm = confirmationRealm(ser, mobileNode, s.nai());
        CompletableFuture<SettlementRecord> decided = toMobileNode.send(CommandCodes.USER_CONFIRMATION, realm, mobileNode, ucr -> {
            ucr.avps().add(AvpCodes.USER_NAME, s.nai())
                    .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, s.settlementId())
                    .copy(purchase.avp())
                    .add(VendorAvpCodes.SETTLEMENT_MODE, vendorId, s.mode());
            // the AAAH's own request to the mobile node: signed like its answers (docs/PROTOCOL.md §4.3)
            authentication.sign(ucr.request(), node.association());
        }).handle((uca, failure) -> {
            if (failure != null) {
                log.info("settlement {}: no confirmation in time ({})", s.settlementId(), failure.toString());
                return move(s, s.in(SettlementState.TIMED_OUT));
            }
            Optional<Integer> decision = decision(uca, s, node);
            if (decision.isEmpty()) {
                return move(s, s.in(SettlementState.TIMED_OUT));
            }
            if (decision.get() == Enumerations.CONFIRMATION_RESULT_CANCELLED_BY_USER) {
                return move(s, s.in(SettlementState.REJECTED));
            }
            return move(s, s.in(SettlementState.CONFIRMED));
        });
        CompletableFuture<SettlementRecord> finished = decided.thenCompose(next -> next.state() == SettlementState.CONFIRMED
                ? settleAtPayee(next) : CompletableFuture.completedFuture(next));
        InFlight open = new InFlight(s, decided, finished);
        inFlight.put(s.settlementId(), open);
        // after the put: a settlement finished at once (no route to the node) leaves no entry behind
        finished.whenComplete((done, failure) -> inFlight.remove(s.settlementId(), open));
        return open;
    }

    /** The Confirmation-Result of an authentic UCA 2001 for this settlement; empty when it is no valid confirmation. */
    private Optional<Integer> decision(Answer uca, SettlementRecord s, AuthenticatedMobileNode node) {
        AaamMessageAuthentication.Verdict verdict = authentication.authenticate(uca);
        if (!(verdict instanceof AaamMessageAuthentication.Verdict.Authenticated ok) || ok.association().spi() != node.association().spi()) {
            log.warn("settlement {}: UCA not authentic: {}", s.settlementId(), verdict);
            return Optional.empty();
        }
        Optional<AnswerResult> result = AnswerResult.of(uca);
        Avp id = uca.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, vendorId);
        Avp confirmation = uca.getAvps().getAvp(VendorAvpCodes.CONFIRMATION_RESULT, vendorId);
        try {
            if (result.filter(AnswerResult::isSuccess).isEmpty() || id == null || !s.settlementId().equals(id.getUTF8String())
                    || confirmation == null) {
                log.warn("settlement {}: the mobile node did not confirm ({})", s.settlementId(),
                        result.map(AnswerResult::toString).orElse("no result"));
                return Optional.empty();
            }
            return Optional.of(confirmation.getInteger32());
        } catch (AvpDataException e) {
            return Optional.empty();
        }
    }

    /**
     * S208-S210: the PNR to the payee's AAAY, or the SER to the payee's terminal with the AAA function
     * (the seed's variant), with the Purchase-Info the user confirmed, as stored; on its 2001 the charge
     * (the stored amount) is recorded.
     */
    private CompletionStage<SettlementRecord> settleAtPayee(SettlementRecord s) {
        PayeeSide side = payeeSides.of(s);
        Optional<byte[]> confirmed = store.purchaseInfo(s.settlementId());
        if (confirmed.isEmpty()) {
            // opened before the Purchase-Info was kept with it (SettlementRecovery voids those at start):
            // never settled on a copy's word, and its first PNR may have gone out: voided there
            log.error("settlement {}: its confirmed Purchase-Info is not stored; voided at {}", s.settlementId(), side.name());
            return CompletableFuture.completedFuture(voidAtPayee(s, side.name() + ": the AAAH no longer holds what was confirmed"));
        }
        return side.settle(s, confirmed.get()).handle((answer, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                boolean mayHaveArrived = cause instanceof java.util.concurrent.TimeoutException;
                String why = mayHaveArrived ? "no answer in time" : "cannot be reached";
                log.warn("settlement {}: {}: {}", s.settlementId(), side.name(), cause.toString());
                if (!mayHaveArrived) {
                    return move(s, s.notSettled(ResultCodes.UNABLE_TO_DELIVER, false, side.name() + ": " + why, ""));
                }
                // the payee side may settle it after all: void it there, until it confirms
                return voidAtPayee(s, side.name() + ": " + why);
            }
            Optional<AnswerResult> result = AnswerResult.of(answer);
            if (result.filter(AnswerResult::isSuccess).isEmpty()) {
                // the payee side's refusal, kept to answer every copy of the SER with it
                String reporter = SettlementAnswers.utf8(answer, AvpCodes.ERROR_REPORTING_HOST);
                return move(s, s.notSettled(result.map(AnswerResult::code).orElse((long) ResultCodes.UNABLE_TO_COMPLY),
                        result.map(AnswerResult::experimental).orElse(false), SettlementAnswers.utf8(answer, AvpCodes.ERROR_MESSAGE),
                        reporter.isEmpty() ? SettlementAnswers.utf8(answer, AvpCodes.ORIGIN_HOST) : reporter));
            }
            AccountEntry entry = ledger.recordTransferredCharge(s.nai(), Money.exact(s.amount(), s.currency()), s.payee(), s.goods(),
                    s.openedAt(), s.settlementId());
            return move(s, s.settled(entry.id()));
        });
    }

    /** Stores {@code s} VOIDING (answered 3002 {@code why}) and voids it at its payee side until that confirms. */
    private SettlementRecord voidAtPayee(SettlementRecord s, String why) {
        SettlementRecord voiding = move(s, s.notSettled(ResultCodes.UNABLE_TO_DELIVER, false, why, "").in(SettlementState.VOIDING));
        if (voiding.state() == SettlementState.VOIDING) {
            voids.voidAtPayee(voiding);
        }
        return voiding;
    }

    /** Stores {@code to}; if another copy moved the settlement meanwhile, what it stored. */
    private SettlementRecord move(SettlementRecord from, SettlementRecord to) {
        if (store.replace(from, to)) {
            return to;
        }
        return store.byRequest(from.requestKey()).orElseThrow();
    }

    private void validate(PaidPurchase purchase) throws Avps.Invalid {
        if (purchase.amount().signum() <= 0) {
            throw Avps.invalid(purchase.avp(), "the amount must be positive");
        }
        if (!purchase.currency().equals(ledgerCurrency)) {
            throw Avps.invalid(purchase.avp(), "the account database is in " + ledgerCurrency + ", not " + purchase.currency());
        }
        if (purchase.amount().stripTrailingZeros().scale() > ledgerCurrency.getDefaultFractionDigits()) {
            throw Avps.invalid(purchase.avp(), "the amount has more decimals than " + ledgerCurrency + " has");
        }
        if (purchase.payeeRealm().isEmpty()) {
            throw Avps.invalid(purchase.avp(), "Payee-Id is not account@realm");
        }
    }

    /**
     * The realm to address the UCR to (Destination-Host names the mobile node's agent; the realm makes
     * the AAAH's router, and any relay on the way, take it towards the node): the peer's realm when the
     * SER came over the node's own connection; else the realm the node visits, from its registration
     * ({@link VisitedRealms}: the realm of the peer the SER came from is a relay's own when one is in
     * between); else that peer's realm (the AAAF's). PROTOCOL §4.3 as implemented.
     */
    private String confirmationRealm(Request ser, String mobileNode, String nai) {
        if (ser instanceof IMessage m && m.getPeer() != null && mobileNode.equalsIgnoreCase(m.getPeer().getUri().getFQDN())) {
            return arrivalRealm(ser);
        }
        return visited.of(nai).orElseGet(() -> arrivalRealm(ser));
    }

    /** The realm of the peer the SER came from (its Origin-Realm when the transport does not say). */
    private static String arrivalRealm(Request ser) {
        if (ser instanceof IMessage m && m.getPeer() != null && m.getPeer().getRealmName() != null) {
            return m.getPeer().getRealmName();
        }
        return SettlementAnswers.utf8(ser, AvpCodes.ORIGIN_REALM);
    }
}
