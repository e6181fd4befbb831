package org.mipaaa.aaah.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.aaah.auth.AaamMessageAuthentication;
import org.mipaaa.aaah.auth.MobileNodeGate;
import org.mipaaa.aaam.AaamAssociations;
import org.mipaaa.aaam.AaamReplayWindow;
import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.ConfirmationCallback.Decision;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.SettlementCodec;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.InProcessNextHop;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryKind;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.registration.InfinispanSubscriberDirectory;
import org.mipaaa.registration.Subscriber;
import org.mipaaa.registration.VisitedRealms;
import org.mipaaa.settings.Settings;
import org.mipaaa.settlement.SettlementState;
import org.mipaaa.settlement.SettlementStore;
import org.mipaaa.settlement.SettlingTerminals;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's SER handler behind its {@link MobileNodeGate} (seed Figs. 16-17, S207-S211, with the
 * user's confirmation; docs/PROTOCOL.md §4.2-§4.4): SERs signed as the agent signs them and parsed by
 * jDiameter, the settlements and account database on the real embedded Infinispan of
 * config/infinispan.xml and the AAAH's shipped tariffs; the mobile node (UCR/UCA, answered and signed
 * with the agent library's codec) and the payee's AAAY (PNR/PNA) are played in process.
 */
class HomeSettlementHandlerTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final Dictionary DICTIONARY = Dictionary.bundled(VENDOR);
    private static final String MN1 = "mn1@home.example";
    private static final String MN2 = "mn2@home.example";
    private static final byte[] MN1_KEY = "demo-mn1-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MN2_KEY = "demo-mn2-aaa-key".getBytes(StandardCharsets.US_ASCII);
    private static final AaamSecurityAssociation MN1_SA = AaamSecurityAssociation.fromMnAaaKey(MN1, 4097, MN1_KEY);
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String CAFE = "cafe@shop.example";
    private static final PurchaseInfo COFFEE = purchase("6.80");

    @TempDir
    Path dir;

    private StateStore state;
    private SettlementStore store;
    private HomeAccounts accounts;
    private AaamMessageAuthentication authentication;
    private PayeeVoids voids;
    private MobileNodeGate ser;
    private final AtomicLong mn1Counter = new AtomicLong(1_000);
    private final AnswerFactory answers = new AnswerFactory("aaah.home.example", "home.example", DICTIONARY);
    private final InProcessNextHop mobileNode = new InProcessNextHop("aaah.home.example", "home.example", DICTIONARY);
    private final InProcessNextHop payeeAaay = new InProcessNextHop("aaah.home.example", "home.example", DICTIONARY);
    private final MessageParser parser = new MessageParser();

    @BeforeEach
    void open() throws Exception {
        state = StateStore.open(Path.of("../../config/infinispan.xml"), dir, "home-settlement-" + System.nanoTime());
        InfinispanSubscriberDirectory subscribers = InfinispanSubscriberDirectory.in(state);
        subscribers.put(Subscriber.of(MN1, MnAaaSecurityAssociation.of(256, MN1_KEY)).withAaamSpi(4097));
        subscribers.put(Subscriber.of(MN2, MnAaaSecurityAssociation.of(257, MN2_KEY)).withAaamSpi(4098));
        authentication = new AaamMessageAuthentication(new AaamAssociations(subscribers), AaamReplayWindow.in(state), DICTIONARY);
        store = SettlementStore.in(state);
        accounts = HomeAccounts.open(Settings.of(Path.of("../../config/aaah"), Map.of()), state);
        handlerWaiting(Duration.ofSeconds(5), Duration.ofSeconds(5), 100);
    }

    /**
     * The SER handler, waiting {@code inline} for the user's decision before answering CONFIRMATION_PENDING,
     * {@code confirmation} for the mobile node's UCA, 5 s for the payee side, with at most {@code maxOpen}
     * settlements open; a new one each time (nothing in flight), on the same store.
     */
    private void handlerWaiting(Duration inline, Duration confirmation, int maxOpen) throws Exception {
        if (voids != null) {
            voids.close();
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        NextHopRequest toMobileNode = new NextHopRequest(mobileNode.client(Duration.ofSeconds(10)), VENDOR, confirmation);
        NextHopRequest toPayee = new NextHopRequest(payeeAaay.client(Duration.ofSeconds(10)), VENDOR, Duration.ofSeconds(5));
        PayeeSides payeeSides = new PayeeSides(SettlingTerminals.none(), toPayee, host -> true, clock);
        voids = new PayeeVoids(store, payeeSides, Duration.ofSeconds(1));
        ser = new MobileNodeGate(authentication, "SER", "a mobile node settles only for itself", new HomeSettlementHandler(authentication,
                store, accounts.database(), accounts.queries().currency(), toMobileNode, VisitedRealms.in(state), payeeSides, voids, clock,
                new ConfirmationWindow(inline, confirmation, maxOpen)));
    }

    @AfterEach
    void close() {
        voids.close();
        state.close();
    }

    private static PurchaseInfo purchase(String amount) {
        return new PurchaseInfo(CAFE, "C-501", List.of("1 x flat white"), new Amount(new BigDecimal(amount), 978),
                Optional.of(Instant.parse("2026-11-26T11:58:00Z")), Optional.empty());
    }

    /** The SER of mn1's agent asking what became of {@code settlementId}, signed under {@code signer}, as the AAAH parses it. */
    private Request outcomeQuestion(String settlementId, String session, long endToEnd, AaamSecurityAssociation signer) throws Exception {
        DiameterMessage unsigned = SettlementCodec.outcomeRequest(VENDOR, session, "mn1.home.example", "home.example", MN1, COFFEE,
                SettlementMode.DEBIT_PAYEE_ACCOUNT, settlementId).withIdentifiers(endToEnd + 1, endToEnd);
        return (Request) parser.createMessage(DiameterCodec.encode(signed(unsigned, signer)));
    }

    /** The SER as mn1's agent sends it (session {@code session}, End-to-End {@code endToEnd}), signed under {@code signer}, as the AAAH parses it. */
    private Request ser(String nai, PurchaseInfo paid, String session, long endToEnd, AaamSecurityAssociation signer) throws Exception {
        DiameterMessage unsigned = SettlementCodec.request(VENDOR, session, "mn1.home.example", "home.example", nai, paid,
                SettlementMode.DEBIT_PAYEE_ACCOUNT).withIdentifiers(endToEnd + 1, endToEnd);
        if (signer == null) {
            return (Request) parser.createMessage(DiameterCodec.encode(unsigned));
        }
        return (Request) parser.createMessage(DiameterCodec.encode(signed(unsigned, signer)));
    }

    private DiameterMessage signed(DiameterMessage m, AaamSecurityAssociation signer) {
        List<Avp> avps = new ArrayList<>(m.avps());
        avps.add(AaamAuthenticator.sign(DiameterCodec.encode(m), signer, mn1Counter.incrementAndGet(), V));
        return new DiameterMessage(m.flags(), m.commandCode(), m.applicationId(), m.hopByHop(), m.endToEnd(), avps);
    }

    private Answer serve(Request request) throws Exception {
        Outcome outcome = ser.handle(request).toCompletableFuture().get(20, TimeUnit.SECONDS);
        return answers.answer(request, outcome);
    }

    /** mn1's agent: checks the UCR is the AAAH's, signed, for the purchase it pays, and answers {@code decision}, signed. */
    private CompletableFuture<Answer> confirms(Request ucr, Decision decision) throws Exception {
        byte[] bytes = encoded(ucr);
        assertThat(AaamAuthenticator.verify(bytes, V, spi -> spi == MN1_SA.spi() ? Optional.of(MN1_SA) : Optional.empty()))
                .as("the UCR is signed for mn1").isInstanceOf(AaamAuthenticator.Verification.Verified.class);
        DiameterMessage received = DiameterCodec.decode(bytes);
        assertThat(SettlementCodec.proposal(received, V).purchase().amount().value()).isEqualByComparingTo("6.80");
        DiameterMessage uca = SettlementCodec.confirmationAnswer(received, VENDOR, "mn1.home.example", "home.example", MN1, decision, 0);
        return CompletableFuture.completedFuture((Answer) parser.createMessage(DiameterCodec.encode(signed(uca, MN1_SA))));
    }

    /** The payee's AAAY booking the PNR: 2001 with Settlement-Id. */
    private static CompletableFuture<Answer> books(Request pnr) {
        AnswerFactory aaay = new AnswerFactory("aaay.shop.example", "shop.example", DICTIONARY);
        return CompletableFuture.completedFuture(aaay.answer(pnr, Outcome.success(avps -> avps.copy(pnr.getAvps().getAvp(
                VendorAvpCodes.SETTLEMENT_ID, V)))));
    }

    private byte[] encoded(org.jdiameter.api.Message m) throws Exception {
        ByteBuffer wire = parser.encodeMessage((IMessage) m);
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        return bytes;
    }

    private boolean signedForMn1(Answer a) throws Exception {
        return AaamAuthenticator.verify(encoded(a), V, spi -> spi == MN1_SA.spi() ? Optional.of(MN1_SA) : Optional.empty())
                instanceof AaamAuthenticator.Verification.Verified;
    }

    private static AnswerResult result(Answer a) {
        return AnswerResult.of(a).orElseThrow();
    }

    /** Whether {@code condition} holds within 5 s (checked every 10 ms). */
    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    private List<AccountEntry> charges() {
        return accounts.database().entries(MN1, accounts.queries().periodOf(NOW)).stream()
                .filter(e -> e.kind() == EntryKind.TRANSFERRED_CHARGE).toList();
    }

    /** Purchase-Info's members as encoded (jDiameter empties {@code getOctetString} of a Grouped AVP it decoded). */
    private static byte[] purchaseInfo(Request r) {
        return r.getAvps().getAvp(VendorAvpCodes.PURCHASE_INFO, V).getRawData();
    }

    @Test
    void s207_aSerWithoutAuthenticatorIs5805UnsignedAndNothingIsStoredOrAsked() throws Exception {
        Request unsigned = ser(MN1, COFFEE, "mn1.home.example;1;1", 11, null);

        Answer a = serve(unsigned);

        assertThat(result(a)).isEqualTo(new AnswerResult(true, V, VendorResultCodes.AAAM_AUTHENTICATION_FAILED));
        assertThat(a.getAvps().getAvp(VendorAvpCodes.AAAM_AUTHENTICATOR, V)).as("no association to sign with").isNull();
        assertThat(store.byRequest(SettlementStore.requestKey(MN1, "mn1.home.example;1;1", 11))).isEmpty();
        assertThat(mobileNode.sent()).isEmpty();
        assertThat(payeeAaay.sent()).isEmpty();
    }

    @Test
    void s207_aSerForAnotherUsersAccountIs5003SignedAndNothingIsStoredOrAsked() throws Exception {
        Answer a = serve(ser(MN2, COFFEE, "mn1.home.example;1;2", 12, MN1_SA));

        assertThat(result(a)).isEqualTo(AnswerResult.resultCode(ResultCodes.AUTHORIZATION_REJECTED));
        assertThat(a.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).isEqualTo("a mobile node settles only for itself");
        assertThat(signedForMn1(a)).as("signed for the node whose association signed the SER").isTrue();
        assertThat(store.byRequest(SettlementStore.requestKey(MN1, "mn1.home.example;1;2", 12))).isEmpty();
        assertThat(store.byRequest(SettlementStore.requestKey(MN2, "mn1.home.example;1;2", 12))).isEmpty();
        assertThat(mobileNode.sent()).isEmpty();
        assertThat(payeeAaay.sent()).isEmpty();
    }

    @Test
    void s207_s211_theUserSaysOkThePnrGoesToTheAaayAndTheChargeIsRecordedOnceAfterIts2001() throws Exception {
        mobileNode.answerWith(ucr -> confirms(ucr, Decision.OK));
        payeeAaay.answerWith(HomeSettlementHandlerTest::books);
        Request first = ser(MN1, COFFEE, "mn1.home.example;1;3", 13, MN1_SA);

        Answer sea = serve(first);

        assertThat(result(sea).isSuccess()).isTrue();
        assertThat(signedForMn1(sea)).isTrue();
        String id = sea.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String();
        assertThat(sea.getAvps().getAvp(VendorAvpCodes.CONFIRMATION_RESULT, V).getInteger32()).isEqualTo(Enumerations.CONFIRMATION_RESULT_CONFIRMED);
        assertThat(mobileNode.sent(CommandCodes.USER_CONFIRMATION)).hasSize(1);
        Request pnr = payeeAaay.sent(CommandCodes.PAYMENT_NOTIFICATION).get(0);
        assertThat(pnr.getAvps().getAvp(AvpCodes.DESTINATION_REALM).getDiameterIdentity()).isEqualTo("shop.example");
        assertThat(pnr.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String()).isEqualTo(id);
        assertThat(purchaseInfo(pnr)).as("the Purchase-Info the mobile node paid").isEqualTo(purchaseInfo(first));
        assertThat(pnr.getAvps().getAvp(VendorAvpCodes.AAAM_AUTHENTICATOR, V)).as("never forwarded to the AAAY").isNull();
        assertThat(charges()).singleElement().satisfies(e -> assertThat(e.amount().amount()).isEqualByComparingTo("6.80"));
        assertThat(store.byId(id).orElseThrow().state()).isEqualTo(SettlementState.SETTLED);

        // the same SER again (its counter used, its first answer no longer held): answered from its state
        Answer again = serve(first);
        assertThat(result(again).isSuccess()).isTrue();
        assertThat(again.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String()).isEqualTo(id);
        assertThat(signedForMn1(again)).isTrue();
        assertThat(payeeAaay.sent(CommandCodes.PAYMENT_NOTIFICATION)).as("nothing settled twice").hasSize(1);
        assertThat(charges()).as("charged once").hasSize(1);
    }

    @Test
    void s207_theUcrIsAddressedToTheRealmTheNodeVisitsNotToTheRealmOfThePeerTheSerCameFrom() throws Exception {
        mobileNode.answerWith(ucr -> confirms(ucr, Decision.OK));
        payeeAaay.answerWith(HomeSettlementHandlerTest::books);
        // mn1's registration came through visited.example; its SER, here, through no peer of that realm
        VisitedRealms.in(state).visiting(MN1, "visited.example");

        Answer sea = serve(ser(MN1, COFFEE, "mn1.home.example;1;4", 14, MN1_SA));

        assertThat(result(sea).isSuccess()).isTrue();
        Request ucr = mobileNode.sent(CommandCodes.USER_CONFIRMATION).get(0);
        assertThat(ucr.getAvps().getAvp(AvpCodes.DESTINATION_REALM).getDiameterIdentity()).isEqualTo("visited.example");
        assertThat(ucr.getAvps().getAvp(AvpCodes.DESTINATION_HOST).getDiameterIdentity()).isEqualTo("mn1.home.example");
    }

    @Test
    void s207_theUserSaysCancel_5801AndNothingIsSentOnOrCharged() throws Exception {
        mobileNode.answerWith(ucr -> confirms(ucr, Decision.CANCEL));
        payeeAaay.answerWith(HomeSettlementHandlerTest::books);

        Answer sea = serve(ser(MN1, COFFEE, "mn1.home.example;1;4", 14, MN1_SA));

        assertThat(result(sea)).isEqualTo(new AnswerResult(true, V, VendorResultCodes.USER_REJECTED));
        assertThat(sea.getAvps().getAvp(VendorAvpCodes.CONFIRMATION_RESULT, V).getInteger32())
                .isEqualTo(Enumerations.CONFIRMATION_RESULT_CANCELLED_BY_USER);
        assertThat(signedForMn1(sea)).isTrue();
        assertThat(payeeAaay.sent()).isEmpty();
        assertThat(charges()).isEmpty();
        assertThat(store.byRequest(SettlementStore.requestKey(MN1, "mn1.home.example;1;4", 14)).orElseThrow().state())
                .isEqualTo(SettlementState.REJECTED);
    }

    @Test
    void s207_noConfirmationInTheWindow_theSerIsPendingThenTheOutcomeIs4801AndNothingIsSentOnOrCharged() throws Exception {
        handlerWaiting(Duration.ofMillis(100), Duration.ofMillis(400), 100);
        payeeAaay.answerWith(HomeSettlementHandlerTest::books);
        // the mobile node never answers the UCR

        Answer sea = serve(ser(MN1, COFFEE, "mn1.home.example;1;5", 15, MN1_SA));

        assertThat(result(sea)).isEqualTo(new AnswerResult(true, V, VendorResultCodes.CONFIRMATION_PENDING));
        assertThat(signedForMn1(sea)).isTrue();
        String id = sea.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String();
        assertThat(eventually(() -> store.byId(id).orElseThrow().state() == SettlementState.TIMED_OUT))
                .as("the UCR's window over: timed out").isTrue();
        Answer outcome = serve(outcomeQuestion(id, "mn1.home.example;1;5", 16, MN1_SA));
        assertThat(result(outcome)).isEqualTo(new AnswerResult(true, V, VendorResultCodes.CONFIRMATION_TIMEOUT));
        assertThat(signedForMn1(outcome)).isTrue();
        assertThat(mobileNode.sent(CommandCodes.USER_CONFIRMATION)).hasSize(1);
        assertThat(payeeAaay.sent()).isEmpty();
        assertThat(charges()).isEmpty();
    }

    /**
     * Issue 19, item 10: a person takes longer than any agent on the way keeps the SER open. The SER is
     * answered CONFIRMATION_PENDING with the Settlement-Id, the UCR stays out for the whole window, and
     * the mobile node asks for the outcome with that Settlement-Id: settled once, charged once.
     */
    @Test
    void s207_s211_theUserDecidesAfterTheSerWasAnsweredPending_theOutcomeIsAskedForAndChargedOnce() throws Exception {
        handlerWaiting(Duration.ofMillis(200), Duration.ofSeconds(20), 100);
        CompletableFuture<Request> ucrOut = new CompletableFuture<>();
        CompletableFuture<Answer> userDecided = new CompletableFuture<>();
        mobileNode.answerWith(ucr -> {
            ucrOut.complete(ucr);
            return userDecided;
        });
        payeeAaay.answerWith(HomeSettlementHandlerTest::books);

        Answer pending = serve(ser(MN1, COFFEE, "mn1.home.example;1;7", 17, MN1_SA));

        assertThat(result(pending)).isEqualTo(new AnswerResult(true, V, VendorResultCodes.CONFIRMATION_PENDING));
        assertThat(signedForMn1(pending)).isTrue();
        String id = pending.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String();
        assertThat(store.byId(id).orElseThrow().state()).isEqualTo(SettlementState.AWAITING_CONFIRMATION);
        assertThat(payeeAaay.sent()).isEmpty();
        assertThat(charges()).isEmpty();
        // asked before the user decided: pending again, after the inline wait
        assertThat(result(serve(outcomeQuestion(id, "mn1.home.example;1;7", 18, MN1_SA))))
                .isEqualTo(new AnswerResult(true, V, VendorResultCodes.CONFIRMATION_PENDING));

        userDecided.complete(confirms(ucrOut.get(5, TimeUnit.SECONDS), Decision.OK).get());
        Answer settled = serve(outcomeQuestion(id, "mn1.home.example;1;7", 19, MN1_SA));

        assertThat(result(settled).isSuccess()).isTrue();
        assertThat(signedForMn1(settled)).isTrue();
        assertThat(settled.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String()).isEqualTo(id);
        assertThat(settled.getAvps().getAvp(VendorAvpCodes.CONFIRMATION_RESULT, V).getInteger32())
                .isEqualTo(Enumerations.CONFIRMATION_RESULT_CONFIRMED);
        assertThat(store.byId(id).orElseThrow().state()).isEqualTo(SettlementState.SETTLED);
        // asked again: the same answer, nothing settled twice
        assertThat(result(serve(outcomeQuestion(id, "mn1.home.example;1;7", 20, MN1_SA))).isSuccess()).isTrue();
        assertThat(payeeAaay.sent(CommandCodes.PAYMENT_NOTIFICATION)).hasSize(1);
        assertThat(mobileNode.sent(CommandCodes.USER_CONFIRMATION)).hasSize(1);
        assertThat(charges()).singleElement().satisfies(e -> assertThat(e.amount().amount()).isEqualByComparingTo("6.80"));
    }

    /**
     * Issue 18: in a cluster of AAAHs the mobile node's question may reach another member than the one
     * waiting for its user (the AAAF shares requests between them). That member answers it pending from
     * the shared store and leaves the settlement alone: the user still has the first member's window.
     */
    @Test
    void s207_theOutcomeAskedAtAnotherMemberWhileTheFirstWaitsForTheUser_isPendingAndEndsNothing() throws Exception {
        handlerWaiting(Duration.ofMillis(200), Duration.ofSeconds(20), 100);
        mobileNode.answerWith(ucr -> new CompletableFuture<>()); // the user is still deciding
        Answer pending = serve(ser(MN1, COFFEE, "mn1.home.example;1;11", 31, MN1_SA));
        String id = pending.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String();

        handlerWaiting(Duration.ofMillis(200), Duration.ofSeconds(20), 100); // another member: nothing in flight there
        Answer asked = serve(outcomeQuestion(id, "mn1.home.example;1;11", 32, MN1_SA));

        assertThat(result(asked)).isEqualTo(new AnswerResult(true, V, VendorResultCodes.CONFIRMATION_PENDING));
        assertThat(signedForMn1(asked)).isTrue();
        assertThat(store.byId(id).orElseThrow().state()).isEqualTo(SettlementState.AWAITING_CONFIRMATION);
        assertThat(payeeAaay.sent()).isEmpty();
        assertThat(charges()).isEmpty();
    }

    @Test
    void s207_askingForTheOutcomeOfAnotherUsersSettlementOrOfNone_5803AndNothingMoves() throws Exception {
        mobileNode.answerWith(ucr -> confirms(ucr, Decision.OK));
        payeeAaay.answerWith(HomeSettlementHandlerTest::books);
        Answer mn1Settled = serve(ser(MN1, COFFEE, "mn1.home.example;1;8", 21, MN1_SA));
        String id = mn1Settled.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String();
        AaamSecurityAssociation mn2 = AaamSecurityAssociation.fromMnAaaKey(MN2, 4098, MN2_KEY);

        DiameterMessage unsigned = SettlementCodec.outcomeRequest(VENDOR, "mn2.home.example;1;1", "mn2.home.example", "home.example",
                MN2, COFFEE, SettlementMode.DEBIT_PAYEE_ACCOUNT, id).withIdentifiers(23, 22);
        Answer mn2Asks = serve((Request) parser.createMessage(DiameterCodec.encode(signed(unsigned, mn2))));
        Answer none = serve(outcomeQuestion("no-such-settlement", "mn1.home.example;1;8", 24, MN1_SA));

        assertThat(result(mn2Asks)).isEqualTo(new AnswerResult(true, V, VendorResultCodes.UNKNOWN_SETTLEMENT));
        assertThat(mn2Asks.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).doesNotContain("mn1");
        assertThat(result(none)).isEqualTo(new AnswerResult(true, V, VendorResultCodes.UNKNOWN_SETTLEMENT));
        assertThat(payeeAaay.sent(CommandCodes.PAYMENT_NOTIFICATION)).hasSize(1);
        assertThat(charges()).hasSize(1);
    }

    @Test
    void s207_moreOpenSettlementsThanAllowed_3004AndNothingIsStoredOrAsked() throws Exception {
        handlerWaiting(Duration.ofMillis(100), Duration.ofSeconds(20), 1);
        mobileNode.answerWith(ucr -> new CompletableFuture<>()); // the user does not decide
        Answer first = serve(ser(MN1, COFFEE, "mn1.home.example;1;9", 25, MN1_SA));
        assertThat(result(first)).isEqualTo(new AnswerResult(true, V, VendorResultCodes.CONFIRMATION_PENDING));

        Answer second = serve(ser(MN1, COFFEE, "mn1.home.example;1;10", 26, MN1_SA));

        assertThat(result(second)).isEqualTo(AnswerResult.resultCode(ResultCodes.TOO_BUSY));
        assertThat(store.byRequest(SettlementStore.requestKey(MN1, "mn1.home.example;1;10", 26))).isEmpty();
        assertThat(mobileNode.sent(CommandCodes.USER_CONFIRMATION)).hasSize(1);
    }

    /**
     * Issue 14, attack 9: a copy of a confirmed SER (same Session-Id and End-to-End Identifier, a fresh
     * counter) carrying another Purchase-Info must not change what is settled: the payee side is told,
     * and the user charged, what the user confirmed, as stored with the settlement.
     */
    @Test
    void s208_aCopyOfAConfirmedSerSettlesTheStoredPurchaseNeverTheCopys() throws Exception {
        mobileNode.answerWith(ucr -> confirms(ucr, Decision.OK));
        List<CompletableFuture<Answer>> pnas = new CopyOnWriteArrayList<>();
        CountDownLatch firstPnr = new CountDownLatch(1);
        CountDownLatch secondPnr = new CountDownLatch(2);
        payeeAaay.answerWith(pnr -> {
            CompletableFuture<Answer> pna = new CompletableFuture<>();
            pnas.add(pna);
            firstPnr.countDown();
            secondPnr.countDown();
            return pna;
        });
        Request original = ser(MN1, COFFEE, "mn1.home.example;1;6", 16, MN1_SA);
        CompletableFuture<Outcome> first = ser.handle(original).toCompletableFuture();
        assertThat(firstPnr.await(10, TimeUnit.SECONDS)).as("confirmed, the PNR out, its PNA awaited").isTrue();

        // a copy this handler holds in flight would wait for the first; one reaching a handler that does
        // not hold it (another instance of the AAAH on the same store) carries the stored settlement on
        handlerWaiting(Duration.ofSeconds(5), Duration.ofSeconds(5), 100);
        Request copy = ser(MN1, purchase("0.01"), "mn1.home.example;1;6", 16, MN1_SA);
        CompletableFuture<Outcome> second = ser.handle(copy).toCompletableFuture();
        assertThat(secondPnr.await(10, TimeUnit.SECONDS)).as("the copy carries the confirmed settlement on").isTrue();
        for (CompletableFuture<Answer> pna : pnas) {
            Request pnr = payeeAaay.sent(CommandCodes.PAYMENT_NOTIFICATION).get(pnas.indexOf(pna));
            pna.complete(books(pnr).get());
        }

        List<Request> pnrs = payeeAaay.sent(CommandCodes.PAYMENT_NOTIFICATION);
        assertThat(purchaseInfo(pnrs.get(1))).as("the stored Purchase-Info, not the copy's").isEqualTo(purchaseInfo(original))
                .isNotEqualTo(purchaseInfo(copy));
        Answer firstSea = answers.answer(original, first.get(10, TimeUnit.SECONDS));
        Answer secondSea = answers.answer(copy, second.get(10, TimeUnit.SECONDS));
        assertThat(result(firstSea).isSuccess()).isTrue();
        assertThat(result(secondSea).isSuccess()).isTrue();
        assertThat(mobileNode.sent(CommandCodes.USER_CONFIRMATION)).as("confirmed once").hasSize(1);
        assertThat(charges()).singleElement().satisfies(e -> assertThat(e.amount().amount()).isEqualByComparingTo("6.80"));
    }
}
