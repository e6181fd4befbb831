package org.mipaaa.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.PurchaseInfo;
import org.mipaaa.agent.services.SettlementCodec;
import org.mipaaa.agent.services.SettlementMode;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.ledger.Money;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.Order;
import org.mipaaa.shop.TerminalAccount;
import org.mipaaa.state.StateStore;

/**
 * The terminal with the AAA function: its SER and SCR handlers on requests as jDiameter decodes them
 * (built with the agent's codec, as an AAAH would send them) and its account on the real embedded
 * Infinispan of config/infinispan.xml.
 */
class TerminalSettlementHandlerTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final String AAAH = "aaah.home.example";
    private static final String CAFE = "cafe@shop.example";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Catalogue CATALOGUE = new Catalogue(Set.of(CAFE), List.of(new Order("C-501", CAFE,
            List.of("1 x flat white", "1 x croissant"), Money.of("6.80", Currency.getInstance("EUR")), Instant.parse("2026-11-23T09:30:00Z"))));

    @TempDir
    Path dir;

    private StateStore state;
    private TerminalAccount account;
    private TerminalSettlementHandler settlement;
    private TerminalCancellationHandler cancellation;
    private final AtomicInteger noticeCancellations = new AtomicInteger();
    private final AnswerFactory answers = new AnswerFactory("terminal.shop.example", "shop.example", Dictionary.bundled(VENDOR));
    private final MessageParser parser = new MessageParser();

    @BeforeEach
    void open() {
        state = StateStore.open(Path.of("../../config/infinispan.xml"), dir, "terminal-settlement-" + System.nanoTime());
        account = TerminalAccount.in(state);
        TrustedAaahs trusted = TrustedAaahs.parse(" aaah.home.example , aaah.other.example");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        settlement = new TerminalSettlementHandler(CATALOGUE, account, trusted, V, clock);
        RequestHandler notices = request -> {
            noticeCancellations.incrementAndGet();
            return Outcome.success().now();
        };
        cancellation = new TerminalCancellationHandler(account, trusted, notices, V, clock);
    }

    @AfterEach
    void close() {
        state.close();
    }

    private Request ser(String from, String settlementId, String payee, String order, String amount, SettlementMode mode) throws Exception {
        PurchaseInfo info = new PurchaseInfo(payee, order, List.of("1 x flat white"), new Amount(new BigDecimal(amount), 978),
                Optional.empty(), Optional.empty());
        Request r = (Request) parser.createMessage(DiameterCodec.encode(SettlementCodec.request(VENDOR, from + ";1;" + System.nanoTime(), from,
                "home.example", "mn1@home.example", info, mode).withIdentifiers(1, 2)));
        r.getAvps().addAvp(VendorAvpCodes.SETTLEMENT_ID, settlementId, V, true, false, false);
        return r;
    }

    private Request scr(String from, String settlementId) throws Exception {
        return (Request) parser.createMessage(DiameterCodec.encode(SettlementCodec.cancelRequest(VENDOR, from + ";2;" + System.nanoTime(),
                from, "home.example", "mn1@home.example", settlementId).withIdentifiers(3, 4)));
    }

    private static long result(Answer a) throws Exception {
        Avp rc = a.getAvps().getAvp(AvpCodes.RESULT_CODE);
        if (rc != null) {
            return rc.getUnsigned32();
        }
        return a.getAvps().getAvp(AvpCodes.EXPERIMENTAL_RESULT).getGrouped().getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE).getUnsigned32();
    }

    private static Answer answer(RequestHandler h, Request r, AnswerFactory answers) throws Exception {
        return answers.answer(r, h.handle(r).toCompletableFuture().get());
    }

    @Test
    void aSerOfItsAaahIsSettledOnceAndEveryCopyAnsweredTheSame() throws Exception {
        Answer first = answer(settlement, ser(AAAH, "s-1", CAFE, "C-501", "6.80", SettlementMode.DEBIT_PAYEE_ACCOUNT), answers);
        assertThat(result(first)).isEqualTo(ResultCodes.SUCCESS);
        AvpSet avps = first.getAvps();
        assertThat(avps.getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String()).isEqualTo("s-1");
        assertThat(avps.getAvp(VendorAvpCodes.SETTLEMENT_MODE, V).getInteger32()).isEqualTo(Enumerations.SETTLEMENT_MODE_DEBIT_PAYEE_ACCOUNT);
        assertThat(avps.getAvp(VendorAvpCodes.CONFIRMATION_RESULT, V).getInteger32()).isEqualTo(Enumerations.CONFIRMATION_RESULT_CONFIRMED);
        assertThat(avps.getAvp(AvpCodes.EVENT_TIMESTAMP).getTime().toInstant()).isEqualTo(NOW);
        assertThat(avps.getAvp(AvpCodes.USER_NAME).getUTF8String()).isEqualTo("mn1@home.example");

        Answer again = answer(settlement, ser(AAAH, "s-1", CAFE, "C-501", "6.80", SettlementMode.DEBIT_PAYEE_ACCOUNT), answers);
        assertThat(result(again)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(again.getAvps().getAvp(VendorAvpCodes.SETTLEMENT_ID, V).getUTF8String()).isEqualTo("s-1");
        assertThat(account.balance(CAFE)).as("-X once").isEqualByComparingTo("-6.80");
        assertThat(account.find("s-1").orElseThrow().aaah()).isEqualTo(AAAH);
    }

    @Test
    void mode2RecordsTheSaleWithoutAnEntry() throws Exception {
        assertThat(result(answer(settlement, ser(AAAH, "s-2", CAFE, "C-501", "6.8", SettlementMode.HOME_ONLY), answers)))
                .isEqualTo(ResultCodes.SUCCESS);
        assertThat(account.find("s-2").orElseThrow().mode()).isEqualTo(Enumerations.SETTLEMENT_MODE_HOME_ONLY);
        assertThat(account.balance(CAFE)).isEqualByComparingTo("0");
    }

    @Test
    void aSerFromAnotherNodeIs5003AndSettlesNothing() throws Exception {
        Answer a = answer(settlement, ser("aaay.shop.example", "s-3", CAFE, "C-501", "6.80", SettlementMode.DEBIT_PAYEE_ACCOUNT), answers);
        assertThat(result(a)).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
        assertThat(account.find("s-3")).isEmpty();
    }

    @Test
    void anUnknownPayeeIs5802() throws Exception {
        Answer a = answer(settlement, ser(AAAH, "s-4", "nobody@shop.example", "C-501", "6.80", SettlementMode.DEBIT_PAYEE_ACCOUNT), answers);
        assertThat(result(a)).isEqualTo(VendorResultCodes.UNKNOWN_PAYEE);
        assertThat(account.find("s-4")).isEmpty();
    }

    @Test
    void aPriceNotTheCataloguesIs5004WithFailedAvpAndAnOrderNotInItIs5806AndNeitherSettles() throws Exception {
        Answer cheaper = answer(settlement, ser(AAAH, "s-5", CAFE, "C-501", "0.01", SettlementMode.DEBIT_PAYEE_ACCOUNT), answers);
        assertThat(result(cheaper)).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
        assertThat(cheaper.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).contains("costs 6.80 EUR, not 0.01 EUR");
        AvpSet failed = cheaper.getAvps().getAvp(AvpCodes.FAILED_AVP).getGrouped();
        assertThat(failed.getAvp(VendorAvpCodes.PURCHASE_INFO, V)).as("Failed-AVP holds the Purchase-Info received").isNotNull();

        Answer unknownOrder = answer(settlement, ser(AAAH, "s-6", CAFE, "C-999", "6.80", SettlementMode.DEBIT_PAYEE_ACCOUNT), answers);
        // a business outcome, not a malformed request: the vendor's Experimental-Result (PROTOCOL.md §5)
        assertThat(result(unknownOrder)).isEqualTo(VendorResultCodes.UNKNOWN_ORDER);
        assertThat(unknownOrder.getAvps().getAvp(AvpCodes.RESULT_CODE)).isNull();
        assertThat(unknownOrder.getAvps().getAvp(AvpCodes.ERROR_MESSAGE).getUTF8String()).contains("unknown Order-Reference C-999");
        assertThat(account.find("s-5")).isEmpty();
        assertThat(account.find("s-6")).isEmpty();
        assertThat(account.balance(CAFE)).isEqualByComparingTo("0");
    }

    @Test
    void anScrOfItsAaahReversesOnceAndTheAnswerSaysWhatWasCreditedBack() throws Exception {
        answer(settlement, ser(AAAH, "s-7", CAFE, "C-501", "6.80", SettlementMode.DEBIT_PAYEE_ACCOUNT), answers);
        Answer first = answer(cancellation, scr(AAAH, "s-7"), answers);
        assertThat(result(first)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(first.getAvps().getAvp(VendorAvpCodes.ENTRY_STATE, V).getInteger32()).isEqualTo(Enumerations.ENTRY_STATE_INVALIDATED);
        AvpSet unitValue = first.getAvps().getAvp(AvpCodes.CC_MONEY).getGrouped().getAvp(AvpCodes.UNIT_VALUE).getGrouped();
        assertThat(unitValue.getAvp(AvpCodes.VALUE_DIGITS).getInteger64()).isEqualTo(680);
        assertThat(result(answer(cancellation, scr(AAAH, "s-7"), answers))).as("a copy: 2001, the AAAH decides 5804").isEqualTo(ResultCodes.SUCCESS);
        assertThat(account.balance(CAFE)).isEqualByComparingTo("0");
        assertThat(account.find("s-7").orElseThrow().reversed()).isTrue();
        assertThat(result(answer(cancellation, scr("aaah.other.example", "s-7"), answers))).as("another AAAH's settlement")
                .isEqualTo(VendorResultCodes.UNKNOWN_SETTLEMENT);
        assertThat(noticeCancellations).hasValue(0);
    }

    @Test
    void anScrBeforeTheSerVoidsTheIdSoTheSerSettlesNothing() throws Exception {
        assertThat(result(answer(cancellation, scr(AAAH, "s-8"), answers))).isEqualTo(VendorResultCodes.UNKNOWN_SETTLEMENT);
        Answer late = answer(settlement, ser(AAAH, "s-8", CAFE, "C-501", "6.80", SettlementMode.DEBIT_PAYEE_ACCOUNT), answers);
        assertThat(result(late)).isEqualTo(VendorResultCodes.UNKNOWN_SETTLEMENT);
        assertThat(account.balance(CAFE)).isEqualByComparingTo("0");
    }

    @Test
    void anScrFromTheAaayCancelsAPaymentNotice() throws Exception {
        assertThat(result(answer(cancellation, scr("aaay.shop.example", "n-1"), answers))).isEqualTo(ResultCodes.SUCCESS);
        assertThat(noticeCancellations).hasValue(1);
        assertThat(account.find("n-1")).as("not voided in the terminal's own account").isEmpty();
    }
}
