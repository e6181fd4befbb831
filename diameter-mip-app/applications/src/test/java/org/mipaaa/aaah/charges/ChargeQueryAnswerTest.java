package org.mipaaa.aaah.charges;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.jdiameter.api.Answer;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.services.Amount;
import org.mipaaa.agent.services.ChargeEntry;
import org.mipaaa.agent.services.ChargeQueryCodec;
import org.mipaaa.agent.services.CommunicationCharges;
import org.mipaaa.agent.services.TariffLine;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.billing.statement.Statement;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.ledger.AccountEntry;
import org.mipaaa.ledger.EntryContent;
import org.mipaaa.ledger.EntryState;
import org.mipaaa.ledger.Money;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.ledger.UsageCounters;
import org.mipaaa.tariff.ByteUnit;
import org.mipaaa.tariff.Tariff;

/** The AAAH's CQA content, encoded by jDiameter, read back by the agent's codec: both ends agree. */
class ChargeQueryAnswerTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void entriesTotalAndTariffsReachTheAgentExactly() throws Exception {
        Tariff tariff = new Tariff("visited.example", Instant.parse("2026-01-01T00:00:00Z"), EUR, new BigDecimal("0.001"),
                new BigDecimal("0.05"), ByteUnit.MEGABYTE, BigDecimal.ZERO);
        Instant t1 = Instant.parse("2026-10-05T10:01:00Z");
        Instant t2 = Instant.parse("2026-10-06T08:00:00Z");
        AccountEntry fee = new AccountEntry("fee:s#1", "mn1@home.example", t1, t1, Money.of("0.12", EUR),
                new EntryContent.CommunicationFee("s", 1, RecordType.STOP, "visited.example", new UsageCounters(60, 1000, 2_000_000, 3, 4), tariff),
                EntryState.VALID);
        AccountEntry book = new AccountEntry("charge:b", "mn1@home.example", t2, t2, Money.of("12.50", EUR),
                new EntryContent.TransferredCharge("shop@shop.example", "a book"), new EntryState.Invalidated("mn1", t2.plusSeconds(5)));
        BillingPeriod october = new BillingPeriod(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        Statement statement = Statement.of("mn1@home.example", october, Optional.empty(), EUR, List.of(book, fee));

        IMessage request = new MessageParser().createEmptyMessage(org.mipaaa.dictionary.CommandCodes.CHARGE_QUERY,
                VENDOR.accountingServicesApplicationId());
        request.setRequest(true);
        request.getAvps().addAvp(org.mipaaa.dictionary.AvpCodes.SESSION_ID, "mn1.home.example;1;1", false);
        Answer answer = new AnswerFactory("aaah.home.example", "home.example", Dictionary.bundled()).answer(request,
                Outcome.success(avps -> new ChargeQueryAnswer(VENDOR.vendorId()).fill(avps, "mn1@home.example", "2026-10", statement)));
        ByteBuffer wire = new MessageParser().encodeMessage((IMessage) answer);
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);

        CommunicationCharges charges = ChargeQueryCodec.answer(DiameterCodec.decode(bytes), VENDOR.vendorId());

        assertThat(charges.period()).isEqualTo("2026-10");
        assertThat(charges.entries()).containsExactly(
                new ChargeEntry(t1, ChargeEntry.Kind.COMMUNICATION_FEE, ChargeEntry.State.VALID, new Amount(new BigDecimal("0.12"), 978),
                        Optional.of(new ChargeEntry.Usage(60, 1000, 2_000_000, 3, 4)), Optional.empty(), Optional.empty(), List.of()),
                new ChargeEntry(t2, ChargeEntry.Kind.TRANSFERRED_CHARGE, ChargeEntry.State.INVALIDATED, new Amount(new BigDecimal("12.50"), 978),
                        Optional.empty(), Optional.of("shop@shop.example"), Optional.empty(), List.of("a book")));
        assertThat(charges.total()).as("the invalidated book counts for nothing").isEqualTo(new Amount(new BigDecimal("0.12"), 978));
        assertThat(charges.tariffs()).containsExactly(
                new TariffLine(new Amount(new BigDecimal("0.001"), 978), "second in visited.example from 2026-01-01"),
                new TariffLine(new Amount(new BigDecimal("0.05"), 978), "megabyte in visited.example from 2026-01-01"));
    }

    @Test
    void aBillingPeriodIsExactlyYearDashMonth() {
        assertThat(BillingPeriodName.parse("2026-10")).contains(java.time.YearMonth.of(2026, 10));
        for (String bad : new String[] {"2026-13", "2026-00", "2026-1", "26-10", "2026/10", "2026-10-01", " 2026-10", "", "２０２６-10"}) {
            assertThat(BillingPeriodName.parse(bad)).as(bad).isEmpty();
        }
        assertThat(BillingPeriodName.parse(null)).isEmpty();
    }
}
