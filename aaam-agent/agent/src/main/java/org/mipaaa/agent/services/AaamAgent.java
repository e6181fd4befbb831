package org.mipaaa.agent.services;

import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.InMemoryReplayCounters;
import org.mipaaa.agent.auth.ReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.EndToEndIdentifiers;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounting services of a mobile node, as its vendor's software calls them (seed Fig. 8, S25):
 * one agent per mobile node, talking DIAMETER over TLS either straight to the node's AAAH or to the
 * AAAF of the visited network, which relays to the AAAH. Both are the {@link AgentEndpoint} given.
 *
 * <p>Every request carries an AAAM-Authenticator under the node's {@link AaamSecurityAssociation}
 * (docs/PROTOCOL.md §3) with the next counter of its {@link ReplayCounters}; every answer is checked the
 * same way and a bad or replayed one is discarded ({@link ServiceException.Failure#UNAUTHENTICATED_ANSWER}).
 * The connection is made on the first request and again on the next request after it dropped.
 * Requests are sent one at a time, by the agent's own worker thread: the AAAH's answers then come in
 * counter order.
 *
 * <p>Each service has a blocking method and an asynchronous one ({@code ...Async}) returning a
 * {@link CompletableFuture}; the blocking ones wait on the same future. Timeouts, retransmission and
 * connection attempts are the {@link AgentEndpoint}'s ({@link AgentEndpoint.Builder}: 10 s for an answer,
 * one retransmission with the T flag after a quarter of it, 2 connection attempts, by default).
 *
 * <p>Thread-safe: any thread may call any method; requests wait their turn (at most
 * {@value #MAX_WAITING}, more fail at once with {@link ServiceException.Failure#NO_ANSWER}). Futures complete
 * on the worker thread: a dependent stage that blocks holds up the agent's next requests. {@link #close()}
 * sends DPR; requests after it fail.
 *
 * <pre>{@code
 * AaamSecurityAssociation sa = AaamSecurityAssociation.fromMnAaaKey("mn1@home.example", 4096, mnAaaKey);
 * try (AaamAgent agent = new AaamAgent(sa, endpoint, new FileReplayCounters(Path.of("aaam.counters")),
 *         VendorSettings.defaults())) {
 *     CommunicationCharges charges = agent.communicationCharges(YearMonth.of(2026, 11));
 * }
 * }</pre>
 */
public final class AaamAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AaamAgent.class);

    private final AaamSecurityAssociation association;
    private final AgentEndpoint server;
    private final ReplayCounters counters;
    private final VendorSettings vendor;
    /**
     * Low 32 bits of the Session-Ids: from a random start, so two agents of one node started in the
     * same second (same high part) do not hand out the same Session-Ids (RFC 6733 §8.8: unique).
     */
    private final AtomicLong sessions = new AtomicLong(new java.security.SecureRandom().nextInt() & 0xFFFFFFFFL);
    /** One sequence for all connections of this agent: identifiers stay unique across reconnections. */
    private final EndToEndIdentifiers endToEnd = new EndToEndIdentifiers();
    private final long sessionHigh = System.currentTimeMillis() / 1000;
    private final AnswerCheck answers;
    private final UserConfirmation confirmation;
    private AgentConnection connection;
    /** {@code server} and its alternates, in the order they are tried. */
    private final List<AgentEndpoint> servers;
    /** The index in {@link #servers} of the one connected to last (guarded by this agent's lock). */
    private int current;
    /**
     * The one thread that sends this agent's requests, made on the first and gone after a minute idle: requests
     * on one association go one at a time (docs/PROTOCOL.md §3.2), and at most {@value #MAX_WAITING} wait.
     */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_WAITING), r -> {
                Thread t = new Thread(r, "aaam-agent-worker");
                t.setDaemon(true);
                return t;
            });
    private volatile boolean closed;

    /** Requests that may wait for the worker thread; more are refused at once. */
    public static final int MAX_WAITING = 64;

    /**
     * @param association the node's security association with its AAAH (NAI, AAAM-SPI, key)
     * @param server      where to connect: the AAAH, or the AAAF of the visited network; with the node's
     *                    TLS key and trust, its Origin-Host and the answer timeout. Its applications
     *                    must include the accounting-services application of {@code vendor}
     * @param counters    the replay counters of {@code association}
     * @param vendor      the carrier's Vendor-Id and accounting-services Application-Id
     */
    public AaamAgent(AaamSecurityAssociation association, AgentEndpoint server, ReplayCounters counters, VendorSettings vendor) {
        this.association = Objects.requireNonNull(association, "association");
        this.server = Objects.requireNonNull(server, "server");
        this.servers = server.servers();
        this.counters = Objects.requireNonNull(counters, "counters");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.answers = new AnswerCheck(association, counters, vendor.vendorId());
        this.confirmation = new UserConfirmation(association, counters, vendor, server);
    }

    /** With counters in memory and the default vendor numbers (a lab; a product passes its own). */
    public AaamAgent(AaamSecurityAssociation association, AgentEndpoint server) {
        this(association, server, new InMemoryReplayCounters(), VendorSettings.defaults());
    }

    /**
     * What the AAAH holds about this node's charges in {@code period} (Charge-Query, PROTOCOL §4.6).
     *
     * @throws ServiceException with {@link ServiceException.Failure#AUTHENTICATION_FAILED},
     *                          {@link ServiceException.Failure#UNKNOWN_USER},
     *                          {@link ServiceException.Failure#NO_ANSWER},
     *                          {@link ServiceException.Failure#UNAUTHENTICATED_ANSWER} or
     *                          {@link ServiceException.Failure#REFUSED}
     */
    public CommunicationCharges communicationCharges(YearMonth period) throws ServiceException {
        return communicationCharges(period.toString());
    }

    /** {@link #communicationCharges(YearMonth)} without blocking (see {@link #communicationChargesAsync(String)}). */
    public CompletableFuture<CommunicationCharges> communicationChargesAsync(YearMonth period) {
        return communicationChargesAsync(period.toString());
    }

    /**
     * The same for a period as text, sent as it is ("YYYY-MM"): the AAAH judges it, and answers a
     * malformed one with {@link ServiceException.Failure#MALFORMED_PERIOD}.
     */
    public CommunicationCharges communicationCharges(String period) throws ServiceException {
        return await(communicationChargesAsync(period));
    }

    /**
     * {@link #communicationCharges(String)} without blocking: the request is sent by this agent's worker thread, and
     * the future completes with the result, or exceptionally with the same {@link ServiceException}.
     */
    public CompletableFuture<CommunicationCharges> communicationChargesAsync(String period) {
        return submit(() -> communicationChargesNow(period));
    }

    private CommunicationCharges communicationChargesNow(String period) throws ServiceException {
        Objects.requireNonNull(period, "period");
        DiameterMessage cqr = ChargeQueryCodec.request(vendor, newSessionId(), server.originHost(), server.originRealm(),
                association.nai(), period);
        DiameterMessage cqa = exchange(cqr);
        try {
            return ChargeQueryCodec.answer(cqa, vendor.vendorId());
        } catch (MalformedMessageException e) {
            throw new ServiceException(ServiceException.Failure.REFUSED, ResultCodes.SUCCESS,
                    "the AAAH's Charge-Query-Answer does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * The accounting information of {@code payee}'s order {@code orderReference} (Purchase-Information,
     * seed Figs. 14-15 S201-S206, PROTOCOL §4.1): the AAAH asks the payee's AAA server, which asks the
     * shop terminal or answers itself.
     *
     * @param payee          the payee, "account@realm"
     * @param orderReference the shop's order reference; null for the payee's latest order
     * @throws ServiceException with {@link ServiceException.Failure#UNKNOWN_PAYEE},
     *                          {@link ServiceException.Failure#UNKNOWN_ORDER},
     *                          {@link ServiceException.Failure#NO_ORDER} (no {@code orderReference}, and the
     *                          payee has no order),
     *                          {@link ServiceException.Failure#NOT_DELIVERED} (the payee's AAA server or its
     *                          terminal could not be reached),
     *                          {@link ServiceException.Failure#REFUSED_BY_PAYEE},
     *                          {@link ServiceException.Failure#AUTHENTICATION_FAILED},
     *                          {@link ServiceException.Failure#UNKNOWN_USER},
     *                          {@link ServiceException.Failure#NO_ANSWER} (timeout, connection lost),
     *                          {@link ServiceException.Failure#UNAUTHENTICATED_ANSWER} or
     *                          {@link ServiceException.Failure#REFUSED}
     */
    public PurchaseInfo accountingInfo(String payee, String orderReference) throws ServiceException {
        return await(accountingInfoAsync(payee, orderReference));
    }

    /**
     * {@link #accountingInfo(String, String)} without blocking: the request is sent by this agent's worker thread, and
     * the future completes with the result, or exceptionally with the same {@link ServiceException}.
     */
    public CompletableFuture<PurchaseInfo> accountingInfoAsync(String payee, String orderReference) {
        return submit(() -> accountingInfoNow(payee, orderReference));
    }

    private PurchaseInfo accountingInfoNow(String payee, String orderReference) throws ServiceException {
        Objects.requireNonNull(payee, "payee");
        DiameterMessage pir = PurchaseInfoCodec.request(vendor, newSessionId(), server.originHost(), server.originRealm(),
                association.nai(), payee, orderReference);
        DiameterMessage pia = exchange(pir, false);
        long code = ServiceAnswers.code(pia, vendor.vendorId());
        if (code != ResultCodes.SUCCESS) {
            throw PurchaseInfoCodec.failure(pia, code, vendor.vendorId());
        }
        try {
            return PurchaseInfoCodec.answer(pia, vendor.vendorId());
        } catch (MalformedMessageException e) {
            throw new ServiceException(ServiceException.Failure.REFUSED, ResultCodes.SUCCESS,
                    "the AAAH's Purchase-Information-Answer does not decode: " + e.getMessage(), e);
        }
    }

    /** The accounting information of {@code payee}'s latest order: {@link #accountingInfo(String, String)} without a reference. */
    public PurchaseInfo accountingInfo(String payee) throws ServiceException {
        return accountingInfo(payee, null);
    }

    /** {@link #accountingInfo(String)} without blocking. */
    public CompletableFuture<PurchaseInfo> accountingInfoAsync(String payee) {
        return accountingInfoAsync(payee, null);
    }

    /**
     * Pays {@code info} (normally what {@link #accountingInfo} returned) in {@code mode} (Settlement,
     * seed Figs. 16-17 S207-S211, docs/PROTOCOL.md §4.2-§4.4). The AAAH first asks the user to confirm:
     * {@code callback} is shown the amount, the payee and the goods and answers OK or CANCEL (the agent
     * answers the AAAH's User-Confirmation-Request with it, signed; a request that is not authentic, or
     * not about this purchase, is refused without asking). On OK the AAAH charges the amount to this
     * node's account and notifies the payee's AAA server, which tells the shop terminal; the settlement
     * returned is what the payee side confirmed.
     *
     * <p>The user may take the whole confirmation window ({@link AgentEndpoint#confirmationWindow()}):
     * when they have not decided within the AAAH's inline wait (2 s as shipped), the AAAH answers
     * CONFIRMATION_PENDING with the Settlement-Id, and once the user's decision is answered the agent asks
     * for the outcome with a Settlement-Request naming that id (docs/PROTOCOL.md §4.2); meanwhile this
     * agent's other requests wait (one request at a time).
     *
     * <p>Exactly once: the request is sent again (T flag) when its answer is late, and the AAAH settles
     * it once and answers every copy the same.
     *
     * @throws ServiceException with {@link ServiceException.Failure#USER_REJECTED} (the user said CANCEL;
     *                          nothing charged), {@link ServiceException.Failure#CONFIRMATION_TIMEOUT}
     *                          (the confirmation came too late; nothing charged),
     *                          {@link ServiceException.Failure#NOT_DELIVERED} (the payee's AAA server or
     *                          its terminal could not be reached; nothing charged),
     *                          {@link ServiceException.Failure#UNKNOWN_PAYEE},
     *                          {@link ServiceException.Failure#REFUSED_BY_PAYEE},
     *                          {@link ServiceException.Failure#INVALID_REQUEST} (e.g. a non-positive amount),
     *                          {@link ServiceException.Failure#AUTHENTICATION_FAILED},
     *                          {@link ServiceException.Failure#UNKNOWN_USER},
     *                          {@link ServiceException.Failure#NO_ANSWER} (the outcome is then unknown: ask
     *                          again with the same purchase later, or look at the statement),
     *                          {@link ServiceException.Failure#UNAUTHENTICATED_ANSWER} or
     *                          {@link ServiceException.Failure#REFUSED}
     */
    public Settlement settle(PurchaseInfo info, SettlementMode mode, ConfirmationCallback callback) throws ServiceException {
        return await(settleAsync(info, mode, callback));
    }

    /**
     * {@link #settle(PurchaseInfo, SettlementMode, ConfirmationCallback)} without blocking: the request is sent by this agent's worker thread, and
     * the future completes with the result, or exceptionally with the same {@link ServiceException}.
     */
    public CompletableFuture<Settlement> settleAsync(PurchaseInfo info, SettlementMode mode, ConfirmationCallback callback) {
        return submit(() -> settleNow(info, mode, callback));
    }

    private Settlement settleNow(PurchaseInfo info, SettlementMode mode, ConfirmationCallback callback) throws ServiceException {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(callback, "callback");
        String sessionId = newSessionId();
        DiameterMessage ser = SettlementCodec.request(vendor, sessionId, server.originHost(), server.originRealm(),
                association.nai(), info, mode);
        UserConfirmation.Pending pending = new UserConfirmation.Pending(info, mode, callback);
        DiameterMessage sea;
        // not under this agent's lock while the user decides: close() must not wait for a person
        confirmation.expect(pending);
        try {
            sea = exchange(ser, false);
            if (ServiceAnswers.code(sea, vendor.vendorId()) == VendorResultCodes.CONFIRMATION_PENDING) {
                sea = outcome(sessionId, info, mode, pending, sea);
            }
        } finally {
            confirmation.done();
        }
        long code = ServiceAnswers.code(sea, vendor.vendorId());
        if (code != ResultCodes.SUCCESS) {
            throw SettlementCodec.failure(sea, code, "Settlement");
        }
        try {
            return SettlementCodec.settlement(sea, info, mode, vendor.vendorId());
        } catch (MalformedMessageException e) {
            throw new ServiceException(ServiceException.Failure.REFUSED, ResultCodes.SUCCESS,
                    "the AAAH's Settlement-Answer does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * The SEA with the outcome of a settlement the AAAH answered CONFIRMATION_PENDING ({@code pendingSea},
     * authentic): the user decides at their own pace on the AAAH's UCR, which the agent answers when they
     * have (docs/PROTOCOL.md §4.2-§4.3). Then, or when the confirmation window is over without a decision,
     * the agent asks the AAAH with a SER carrying the Settlement-Id; again, after a pause, while the AAAH
     * still says pending and the window and one request timeout are not over.
     */
    private DiameterMessage outcome(String sessionId, PurchaseInfo info, SettlementMode mode, UserConfirmation.Pending pending,
                                    DiameterMessage pendingSea) throws ServiceException {
        String settlementId;
        try {
            settlementId = SettlementCodec.settlementId(pendingSea, vendor.vendorId());
        } catch (MalformedMessageException e) {
            throw new ServiceException(ServiceException.Failure.REFUSED, VendorResultCodes.CONFIRMATION_PENDING,
                    "the AAAH's pending Settlement-Answer names no settlement: " + e.getMessage(), e);
        }
        log.info("settlement {} waits for the user's confirmation", settlementId);
        long deadline = System.nanoTime() + server.confirmationWindow().toNanos() + server.timeout().toNanos();
        try {
            pending.decided().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1, "interrupted while the user decided", e);
        } catch (ExecutionException e) {
            throw new ServiceException(ServiceException.Failure.NO_ANSWER, VendorResultCodes.CONFIRMATION_PENDING,
                    "the agent closed while settlement " + settlementId + " waited for the user: look at the statement", e);
        } catch (TimeoutException e) {
            log.info("settlement {}: no confirmation request answered within {}; asking the AAAH", settlementId,
                    server.confirmationWindow());
        }
        long pauseMillis = 250;
        while (true) {
            DiameterMessage sea = exchange(SettlementCodec.outcomeRequest(vendor, sessionId, server.originHost(), server.originRealm(),
                    association.nai(), info, mode, settlementId), false);
            if (ServiceAnswers.code(sea, vendor.vendorId()) != VendorResultCodes.CONFIRMATION_PENDING) {
                return sea;
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) > deadline) {
                throw new ServiceException(ServiceException.Failure.NO_ANSWER, VendorResultCodes.CONFIRMATION_PENDING,
                        "settlement " + settlementId + " still waits for the user's confirmation after " + server.confirmationWindow()
                                + ": ask again later, or look at the statement");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(pauseMillis); // back-off between questions, never beyond the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1, "interrupted while asking for the outcome", e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 4000);
        }
    }

    /**
     * Cancels the settlement {@code settlementId} (right of withdrawal; Settlement-Cancel, seed Fig. 8
     * S25, docs/PROTOCOL.md §4.5): the AAAH invalidates its entry (it no longer counts on the bill) and
     * tells the payee's AAA server, which reverses its side and tells the shop terminal. A settlement is
     * refunded at most once.
     *
     * @throws ServiceException with {@link ServiceException.Failure#UNKNOWN_SETTLEMENT} (no settlement
     *                          of this node has that id), {@link ServiceException.Failure#ALREADY_CANCELLED}
     *                          (nothing refunded again), {@link ServiceException.Failure#NOT_DELIVERED} (the
     *                          payee side could not be told; nothing cancelled, ask again later),
     *                          {@link ServiceException.Failure#AUTHENTICATION_FAILED},
     *                          {@link ServiceException.Failure#UNKNOWN_USER},
     *                          {@link ServiceException.Failure#NO_ANSWER},
     *                          {@link ServiceException.Failure#UNAUTHENTICATED_ANSWER} or
     *                          {@link ServiceException.Failure#REFUSED}
     */
    public Cancellation cancel(String settlementId) throws ServiceException {
        return await(cancelAsync(settlementId));
    }

    /**
     * {@link #cancel(String)} without blocking: the request is sent by this agent's worker thread, and
     * the future completes with the result, or exceptionally with the same {@link ServiceException}.
     */
    public CompletableFuture<Cancellation> cancelAsync(String settlementId) {
        return submit(() -> cancelNow(settlementId));
    }

    private Cancellation cancelNow(String settlementId) throws ServiceException {
        Objects.requireNonNull(settlementId, "settlementId");
        DiameterMessage scr = SettlementCodec.cancelRequest(vendor, newSessionId(), server.originHost(), server.originRealm(),
                association.nai(), settlementId);
        DiameterMessage sca = exchange(scr, false);
        long code = ServiceAnswers.code(sca, vendor.vendorId());
        if (code != ResultCodes.SUCCESS) {
            throw SettlementCodec.failure(sca, code, "Settlement-Cancel");
        }
        try {
            return SettlementCodec.cancellation(sca, settlementId, vendor.vendorId());
        } catch (MalformedMessageException e) {
            throw new ServiceException(ServiceException.Failure.REFUSED, ResultCodes.SUCCESS,
                    "the AAAH's Settlement-Cancel-Answer does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * Asks {@code sponsorId}'s AAA server, through the AAAH, to pay part or all of this node's next
     * communication after the user viewed {@code advertisementId} (Sponsored-Communication, seed Fig. 8
     * S25, docs/PROTOCOL.md §4.7). The AAAH keeps the commitment and charges the sponsor its share of the
     * next communication fee (at most the ceiling). Sent again with the T flag when late; the AAAH
     * commits once and answers every copy the same.
     *
     * @throws ServiceException with {@link ServiceException.Failure#UNKNOWN_PAYEE} (unknown sponsor),
     *                          {@link ServiceException.Failure#NOT_ELIGIBLE} (the sponsor does not pay for
     *                          this advertisement),
     *                          {@link ServiceException.Failure#REFUSED_BY_PAYEE} (the sponsor does not serve
     *                          this home realm),
     *                          {@link ServiceException.Failure#NOT_DELIVERED},
     *                          {@link ServiceException.Failure#INVALID_REQUEST},
     *                          {@link ServiceException.Failure#AUTHENTICATION_FAILED},
     *                          {@link ServiceException.Failure#UNKNOWN_USER},
     *                          {@link ServiceException.Failure#NO_ANSWER},
     *                          {@link ServiceException.Failure#UNAUTHENTICATED_ANSWER} or
     *                          {@link ServiceException.Failure#REFUSED}
     */
    public SponsoredCommunication sponsoredCommunication(String sponsorId, String advertisementId) throws ServiceException {
        return await(sponsoredCommunicationAsync(sponsorId, advertisementId));
    }

    /**
     * {@link #sponsoredCommunication(String, String)} without blocking: the request is sent by this agent's worker thread, and
     * the future completes with the result, or exceptionally with the same {@link ServiceException}.
     */
    public CompletableFuture<SponsoredCommunication> sponsoredCommunicationAsync(String sponsorId, String advertisementId) {
        return submit(() -> sponsoredCommunicationNow(sponsorId, advertisementId));
    }

    private SponsoredCommunication sponsoredCommunicationNow(String sponsorId, String advertisementId) throws ServiceException {
        Objects.requireNonNull(sponsorId, "sponsorId");
        Objects.requireNonNull(advertisementId, "advertisementId");
        DiameterMessage scmr = CommitmentCodec.sponsoredRequest(vendor, newSessionId(), server.originHost(), server.originRealm(),
                association.nai(), sponsorId, advertisementId);
        DiameterMessage scma = exchange(scmr, false);
        long code = ServiceAnswers.code(scma, vendor.vendorId());
        if (code != ResultCodes.SUCCESS) {
            throw CommitmentCodec.failure(scma, code, "Sponsored-Communication");
        }
        try {
            return CommitmentCodec.sponsored(scma, sponsorId, advertisementId, vendor.vendorId());
        } catch (MalformedMessageException e) {
            throw new ServiceException(ServiceException.Failure.REFUSED, ResultCodes.SUCCESS,
                    "the AAAH's Sponsored-Communication-Answer does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * Asks {@code creditCompanyId}'s AAA server, through the AAAH, to settle this node's next
     * communication on its behalf (Credit-Communication, docs/PROTOCOL.md §4.8). The credential is
     * opaque to the AAAH, which forwards it unchanged; neither the agent nor the AAAH logs it.
     *
     * @param customerCredential what the credit company authenticates its customer with (copied)
     * @throws ServiceException with {@link ServiceException.Failure#CREDENTIAL_REFUSED} (4001),
     *                          {@link ServiceException.Failure#UNKNOWN_PAYEE} (unknown credit company),
     *                          {@link ServiceException.Failure#REFUSED_BY_PAYEE} (it does not serve this
     *                          home realm), {@link ServiceException.Failure#NOT_DELIVERED},
     *                          {@link ServiceException.Failure#INVALID_REQUEST},
     *                          {@link ServiceException.Failure#AUTHENTICATION_FAILED},
     *                          {@link ServiceException.Failure#UNKNOWN_USER},
     *                          {@link ServiceException.Failure#NO_ANSWER},
     *                          {@link ServiceException.Failure#UNAUTHENTICATED_ANSWER} or
     *                          {@link ServiceException.Failure#REFUSED}
     */
    public CreditCommunication creditCommunication(String creditCompanyId, byte[] customerCredential) throws ServiceException {
        return await(creditCommunicationAsync(creditCompanyId, customerCredential));
    }

    /**
     * {@link #creditCommunication(String, byte[])} without blocking: the request is sent by this agent's worker thread, and
     * the future completes with the result, or exceptionally with the same {@link ServiceException}.
     */
    public CompletableFuture<CreditCommunication> creditCommunicationAsync(String creditCompanyId, byte[] customerCredential) {
        return submit(() -> creditCommunicationNow(creditCompanyId, customerCredential));
    }

    private CreditCommunication creditCommunicationNow(String creditCompanyId, byte[] customerCredential) throws ServiceException {
        Objects.requireNonNull(creditCompanyId, "creditCompanyId");
        Objects.requireNonNull(customerCredential, "customerCredential");
        DiameterMessage ccmr = CommitmentCodec.creditRequest(vendor, newSessionId(), server.originHost(), server.originRealm(),
                association.nai(), creditCompanyId, customerCredential.clone());
        DiameterMessage ccma = exchange(ccmr, false);
        long code = ServiceAnswers.code(ccma, vendor.vendorId());
        if (code != ResultCodes.SUCCESS) {
            throw CommitmentCodec.failure(ccma, code, "Credit-Communication");
        }
        try {
            return CommitmentCodec.credit(ccma, creditCompanyId, vendor.vendorId());
        } catch (MalformedMessageException e) {
            throw new ServiceException(ServiceException.Failure.REFUSED, ResultCodes.SUCCESS,
                    "the AAAH's Credit-Communication-Answer does not decode: " + e.getMessage(), e);
        }
    }

    /** A call of this agent, on the worker thread. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws ServiceException;
    }

    private <T> CompletableFuture<T> submit(Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new ServiceException(ServiceException.Failure.NO_ANSWER, -1, "the agent is closed"));
            return result;
        }
        try {
            worker.execute(() -> {
                try {
                    result.complete(call.run());
                } catch (ServiceException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new ServiceException(ServiceException.Failure.NO_ANSWER, -1,
                    closed ? "the agent is closed" : MAX_WAITING + " requests already wait: not sent", e));
        }
        return result;
    }

    /** The result of {@code future}, or the ServiceException it failed with; what else it failed with, unchecked. */
    private static <T> T await(CompletableFuture<T> future) throws ServiceException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1, "interrupted while waiting for the answer", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ServiceException) {
                ServiceException s = (ServiceException) cause;
                // the caller's stack, with the worker's as the cause
                throw new ServiceException(s.failure(), s.resultCode(), s.getMessage(), s);
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Signs {@code request}, sends it, and returns its authenticated, successful answer. */
    private DiameterMessage exchange(DiameterMessage request) throws ServiceException {
        return exchange(request, true);
    }

    /**
     * Signs {@code request}, sends it, and returns its authenticated answer; with {@code successOnly}
     * false an unsuccessful one too ({@link AnswerCheck#authentic}),
     * for the caller to say what it means.
     */
    private synchronized DiameterMessage exchange(DiameterMessage request, boolean successOnly) throws ServiceException {
        if (closed) {
            // a request still queued when the agent was closed: it is not sent, its future fails
            throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1, "the agent is closed");
        }
        AgentConnection link = connection();
        DiameterMessage identified = request.withIdentifiers(0, endToEnd.next());
        long counter;
        try {
            counter = counters.nextOutgoing();
        } catch (IOException e) {
            throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1, "cannot store the replay counter: " + e.getMessage(), e);
        }
        Avp authenticator = AaamAuthenticator.sign(DiameterCodec.encode(identified), association, counter, vendor.vendorId());
        List<Avp> avps = new ArrayList<>(identified.avps());
        avps.add(authenticator);
        DiameterMessage signed = new DiameterMessage(identified.flags(), identified.commandCode(), identified.applicationId(),
                0, identified.endToEnd(), avps);
        AgentConnection.Received received = await(link, signed);
        return successOnly ? answers.check(received, signed) : answers.authentic(received, signed);
    }

    /**
     * Sends {@code signed} and waits for its answer. Without one after a quarter of the timeout (at most
     * 2 s) it is sent once more with the T flag (RFC 6733 §3), on a new connection if the first one
     * dropped; the AAAH's duplicate detection answers a copy it has already served with the same answer,
     * and the T flag is outside the authenticator, so the copy still verifies. The first answer of
     * either copy counts; the whole wait is at most the endpoint's timeout plus that quarter.
     */
    private AgentConnection.Received await(AgentConnection link, DiameterMessage signed) throws ServiceException {
        long timeout = server.timeout().toMillis();
        long retransmitAfter = server.retransmitAfter().toMillis();
        long firstWait = retransmitAfter == 0 ? timeout + 1000 : Math.min(retransmitAfter, timeout);
        CompletableFuture<AgentConnection.Received> first = link.exchange(signed);
        try {
            return first.get(firstWait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1, "interrupted", e);
        } catch (TimeoutException | ExecutionException e) {
            if (retransmitAfter == 0) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1,
                        (cause instanceof TimeoutException ? "no answer within " + server.timeout() : "connection lost: " + cause), cause);
            }
            log.info("no answer to End-to-End {} after {} ms ({}); sending it again with the T flag", signed.endToEnd(), firstWait, e.toString());
        }
        DiameterMessage again = new DiameterMessage(signed.flags() | DiameterMessage.FLAG_RETRANSMITTED, signed.commandCode(),
                signed.applicationId(), 0, signed.endToEnd(), signed.avps());
        CompletableFuture<AgentConnection.Received> answer = new CompletableFuture<>();
        first.thenAccept(answer::complete);
        connection().exchange(again).whenComplete((r, f) -> {
            if (f == null) {
                answer.complete(r);
            } else {
                answer.completeExceptionally(f);
            }
        });
        try {
            return answer.get(timeout + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1, "interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1,
                    (cause instanceof TimeoutException ? "no answer within " + server.timeout() : "connection lost: " + cause), cause);
        }
    }

    /**
     * The open connection, made again if there is none or it dropped. A failed attempt is tried once
     * more: a server that has not yet noticed the end of this node's previous connection may leave the
     * new CER unanswered (jDiameter does: docs/PROTOCOL.md §3.3), and answers it once the old one is gone.
     */
    private AgentConnection connection() throws ServiceException {
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        connection = null;
        IOException failed = null;
        // the server used last first, then the alternates in turn (another member of the AAAH cluster)
        for (int i = 0; i < servers.size(); i++) {
            AgentEndpoint candidate = servers.get((current + i) % servers.size());
            for (int attempt = 1; attempt <= candidate.connectAttempts(); attempt++) {
                try {
                    connection = AgentConnection.open(candidate, confirmation);
                    if (i > 0) {
                        log.info("connected to {} ({}:{}) instead of {}", candidate.expectedServer(), candidate.host(), candidate.port(),
                                servers.get(current).expectedServer());
                    }
                    current = (current + i) % servers.size();
                    return connection;
                } catch (IOException e) {
                    if (failed != null) {
                        e.addSuppressed(failed);
                    }
                    failed = e;
                    log.info("cannot connect to {}:{} (attempt {} of {}): {}", candidate.host(), candidate.port(), attempt,
                            candidate.connectAttempts(), e.toString());
                }
            }
        }
        throw new ServiceException(ServiceException.Failure.NO_ANSWER, -1,
                "cannot connect to " + describe(servers) + ": " + failed.getMessage(), failed);
    }

    private static String describe(List<AgentEndpoint> servers) {
        StringBuilder text = new StringBuilder();
        for (AgentEndpoint s : servers) {
            text.append(text.length() == 0 ? "" : ", ").append(s.host()).append(':').append(s.port());
        }
        return text.toString();
    }


    /** RFC 6733 §8.8: {@code <DiameterIdentity>;<high 32 bits>;<low 32 bits>}. */
    private String newSessionId() {
        return server.originHost() + ";" + sessionHigh + ";" + (sessions.incrementAndGet() & 0xFFFFFFFFL);
    }

    /** Closes the connection with DPR, if one is open. */
    @Override
    public void close() {
        closed = true;
        worker.shutdown();
        confirmation.abandon();
        synchronized (this) {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }
}
