package org.mipaaa.aaah.commitment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Message;
import org.jdiameter.api.Request;
import org.mipaaa.aaah.auth.AuthenticatedMobileNode;
import org.mipaaa.aaah.auth.MobileNodeHandler;
import org.mipaaa.commitment.Commitment;
import org.mipaaa.commitment.CommitmentKind;
import org.mipaaa.commitment.CommitmentStore;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.messages.NextHopOutcome;
import org.mipaaa.messages.NextHopRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's Sponsored-Communication-Request or Credit-Communication-Request from a mobile node
 * (docs/PROTOCOL.md §4.7, §4.8), straight or relayed by the AAAF.
 * <ol>
 * <li><b>decode / validate</b>: behind the {@link org.mipaaa.aaah.auth.MobileNodeGate}, the
 *     AAAM-Authenticator end to end (5805 unsigned, nothing sent on) and User-Name the association's NAI
 *     (5003); Sponsor-Id / Credit-Company-Id present (5005) and
 *     name@realm (5004).</li>
 * <li><b>act</b>: a copy of a request already answered is answered from the stored commitment; else a new
 *     request to the payer's AAAY (realm of the payer id), without AAAM-Authenticator; its commitment is
 *     stored once ({@link CommitmentStore}) before the answer goes out.</li>
 * <li><b>answer</b>: 2001 with the commitment, or the AAAY's refusal passed on (Error-Reporting-Host);
 *     none in time: 3002. Every answer after authentication is signed.</li>
 * </ol>
 * The Customer-Credential is forwarded unchanged and never logged.
 */
public final class HomeCommitmentHandler implements MobileNodeHandler {

    private static final Logger log = LoggerFactory.getLogger(HomeCommitmentHandler.class);

    private final CommitmentKind kind;
    private final CommitmentStore store;
    private final NextHopRequest toPayer;
    private final long vendorId;

    public HomeCommitmentHandler(CommitmentKind kind, CommitmentStore store, NextHopRequest toPayer) {
        this.kind = kind;
        this.store = store;
        this.toPayer = toPayer;
        this.vendorId = toPayer.vendorId();
    }

    @Override
    public CompletionStage<Outcome> handle(Request request, AuthenticatedMobileNode node) {
        String nai = node.nai();
        String sessionId;
        String payer;
        String realm;
        try {
            AvpSet avps = request.getAvps();
            sessionId = Avps.utf8(Avps.require(avps, AvpCodes.SESSION_ID, "Session-Id"));
            Avp payerAvp = Avps.require(avps, kind.payerAvp, vendorId, kind.payerName);
            payer = Avps.utf8(payerAvp);
            int at = payer.lastIndexOf('@');
            if (at <= 0 || at == payer.length() - 1) {
                throw Avps.invalid(payerAvp, kind.payerName + " is not name@realm");
            }
            realm = payer.substring(at + 1);
            if (kind == CommitmentKind.SPONSORED) {
                Avps.require(avps, VendorAvpCodes.ADVERTISEMENT_ID, vendorId, "Advertisement-Id");
            } else {
                Avps.require(avps, VendorAvpCodes.CUSTOMER_CREDENTIAL, vendorId, "Customer-Credential");
            }
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        String key = CommitmentStore.requestKey(nai, sessionId, request.getEndToEndIdentifier());
        Optional<Commitment> stored = store.byRequest(key);
        if (stored.isPresent()) {
            log.info("{} copy: commitment {} answered again", kind.request, stored.get().settlementId());
            return success(stored.get()).now();
        }
        return toPayer.send(kind.command, realm, null, out -> forward(request.getAvps(), out.avps(), nai)).handle((answer, failure) -> {
            if (failure != null || !NextHopOutcome.success(answer)) {
                log.info("{} of {} to {}: not committed", kind.request, nai, payer);
                return NextHopOutcome.refusal(answer, failure, "the AAA server of " + realm);
            }
            Optional<Commitment> made = commitment(answer, key, nai, payer, request.getAvps());
            if (made.isEmpty()) {
                return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "the AAA server of " + realm + " answered without a usable commitment");
            }
            Commitment c = store.record(made.get());
            log.info("{} of {}: {} commits {} % ({}), held for the next communication", kind.request, nai, payer, c.sharePercent(),
                    c.settlementId());
            return success(c);
        });
    }

    /** The AVPs the payer's AAAY needs, copied as they came; never the AAAM-Authenticator. */
    private void forward(AvpSet from, AvpWriter to, String nai) {
        to.add(AvpCodes.USER_NAME, nai);
        to.copy(from.getAvp(kind.payerAvp, vendorId));
        if (kind == CommitmentKind.SPONSORED) {
            to.copy(from.getAvp(VendorAvpCodes.ADVERTISEMENT_ID, vendorId));
        } else {
            to.copy(from.getAvp(VendorAvpCodes.CUSTOMER_CREDENTIAL, vendorId));
            Avp money = from.getAvp(AvpCodes.CC_MONEY, 0);
            if (money != null) {
                to.copy(money);
            }
        }
    }

    /** The commitment in the AAAY's 2001; empty when it lacks Settlement-Id, or a share 0..100 (sponsored), or its CC-Money does not decode. */
    private Optional<Commitment> commitment(Message answer, String key, String nai, String payer, AvpSet request) {
        try {
            AvpSet avps = answer.getAvps();
            Avp id = avps.getAvp(VendorAvpCodes.SETTLEMENT_ID, vendorId);
            if (id == null) {
                return Optional.empty();
            }
            int share = 100;
            String advertisement = "";
            if (kind == CommitmentKind.SPONSORED) {
                Avp s = avps.getAvp(VendorAvpCodes.SPONSORED_SHARE, vendorId);
                if (s == null || s.getUnsigned32() > 100) {
                    return Optional.empty();
                }
                share = (int) s.getUnsigned32();
                advertisement = request.getAvp(VendorAvpCodes.ADVERTISEMENT_ID, vendorId).getUTF8String();
            }
            Optional<BigDecimal> limit = Optional.empty();
            int currency = 0;
            Avp money = avps.getAvp(AvpCodes.CC_MONEY, 0);
            if (money != null) {
                AvpSet cc = money.getGrouped();
                Avp unit = cc.getAvp(AvpCodes.UNIT_VALUE, 0);
                Avp code = cc.getAvp(AvpCodes.CURRENCY_CODE, 0);
                Avp digits = unit == null ? null : unit.getGrouped().getAvp(AvpCodes.VALUE_DIGITS, 0);
                if (digits == null || code == null) {
                    return Optional.empty();
                }
                Avp exponent = unit.getGrouped().getAvp(AvpCodes.EXPONENT, 0);
                limit = MoneyAvps.amount(digits.getInteger64(), exponent == null ? 0 : exponent.getInteger32());
                if (limit.isEmpty()) {
                    return Optional.empty(); // the payer's limit beyond what money needs: no commitment
                }
                currency = (int) code.getUnsigned32();
                if (currency(currency).isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Commitment(kind, key, nai, payer, advertisement, share, limit, currency, id.getUTF8String(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        } catch (AvpDataException e) {
            return Optional.empty();
        }
    }

    private Outcome success(Commitment c) {
        return Outcome.success(avps -> {
            avps.add(AvpCodes.USER_NAME, c.nai()).add(kind.payerAvp, vendorId, c.payer());
            if (kind == CommitmentKind.SPONSORED) {
                avps.add(VendorAvpCodes.ADVERTISEMENT_ID, vendorId, c.advertisement())
                        .add(VendorAvpCodes.SPONSORED_SHARE, vendorId, c.sharePercent());
            }
            c.limit().ifPresent(l -> MoneyAvps.addCcMoney(avps, l, currency(c.currencyCode()).orElseThrow()));
            avps.add(VendorAvpCodes.SETTLEMENT_ID, vendorId, c.settlementId());
        });
    }

    /**
     * A copy whose replay counter was used (authentic, not fresh) of a request whose commitment is
     * stored: answered again, nothing done (the node's duplicate detection forgot it: a restart).
     */
    @Override
    public Optional<Outcome> answeredBefore(Request request, String signerNai) {
        try {
            String sessionId = Avps.utf8(Avps.require(request.getAvps(), AvpCodes.SESSION_ID, "Session-Id"));
            String key = CommitmentStore.requestKey(signerNai, sessionId, request.getEndToEndIdentifier());
            return store.byRequest(key).map(this::success);
        } catch (Avps.Invalid e) {
            return Optional.empty();
        }
    }

    private static Optional<Currency> currency(int numeric) {
        return Currency.getAvailableCurrencies().stream().filter(c -> c.getNumericCode() == numeric).findFirst();
    }

}
