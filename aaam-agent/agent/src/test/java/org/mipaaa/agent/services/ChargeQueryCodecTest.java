package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;

class ChargeQueryCodecTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();
    private static final int EUR = 978;

    private static Avp integer32(int code, long vendorId, int value) {
        return new Avp(code, true, vendorId, ByteBuffer.allocate(4).putInt(value).array());
    }

    private static Avp integer64(int code, long value) {
        return new Avp(code, true, 0, ByteBuffer.allocate(8).putLong(value).array());
    }

    /** Time: NTP seconds (RFC 6733 §4.3.1). */
    private static Avp time(Instant t) {
        return Avp.unsigned32(AvpCodes.EVENT_TIMESTAMP, t.getEpochSecond() + 2_208_988_800L);
    }

    private static Avp money(int code, long digits, int exponent) {
        return Avp.grouped(code, 0, List.of(
                Avp.grouped(AvpCodes.UNIT_VALUE, 0, List.of(integer64(AvpCodes.VALUE_DIGITS, digits), integer32(AvpCodes.EXPONENT, 0, exponent))),
                Avp.unsigned32(AvpCodes.CURRENCY_CODE, EUR)));
    }

    private static DiameterMessage cqa(List<Avp> extra) {
        List<Avp> avps = new java.util.ArrayList<>(List.of(
                Avp.utf8(AvpCodes.SESSION_ID, "mn1.home.example;1;1"),
                Avp.unsigned32(AvpCodes.RESULT_CODE, 2001),
                Avp.utf8(AvpCodes.USER_NAME, "mn1@home.example"),
                Avp.utf8(VendorAvpCodes.BILLING_PERIOD, V, "2026-11")));
        avps.addAll(extra);
        return new DiameterMessage(DiameterMessage.FLAG_PROXIABLE, CommandCodes.CHARGE_QUERY, VENDOR.accountingServicesApplicationId(), 1, 2, avps);
    }

    @Test
    void theRequestAsksTheRealmOfTheNaiForItsPeriod() {
        DiameterMessage cqr = ChargeQueryCodec.request(VENDOR, "mn1.home.example;1;1", "mn1.home.example", "home.example",
                "mn1@home.example", "2026-11");

        assertThat(cqr.isRequest()).isTrue();
        assertThat(cqr.flags() & DiameterMessage.FLAG_PROXIABLE).isNotZero();
        assertThat(cqr.commandCode()).isEqualTo(CommandCodes.CHARGE_QUERY);
        assertThat(cqr.avps().get(0).code()).as("Session-Id first (RFC 6733 §8.8)").isEqualTo(AvpCodes.SESSION_ID);
        assertThat(cqr.find(AvpCodes.DESTINATION_REALM).orElseThrow().asUtf8()).isEqualTo("home.example");
        assertThat(cqr.find(AvpCodes.USER_NAME).orElseThrow().asUtf8()).isEqualTo("mn1@home.example");
        assertThat(cqr.find(VendorAvpCodes.BILLING_PERIOD, V).orElseThrow().asUtf8()).isEqualTo("2026-11");
        assertThat(cqr.find(AvpCodes.AUTH_SESSION_STATE).orElseThrow().asUnsigned32())
                .isEqualTo(Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED);
    }

    @Test
    void theAnswerGivesEntriesTotalAndTariffs() throws Exception {
        Instant t1 = Instant.parse("2026-11-03T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-04T12:30:00Z");
        Avp fee = Avp.grouped(VendorAvpCodes.CHARGE_ENTRY, V, List.of(
                time(t1),
                integer32(VendorAvpCodes.ENTRY_KIND, V, Enumerations.ENTRY_KIND_COMMUNICATION_FEE),
                integer32(VendorAvpCodes.ENTRY_STATE, V, Enumerations.ENTRY_STATE_VALID),
                money(AvpCodes.CC_MONEY, 7, -2),
                Avp.unsigned32(AvpCodes.ACCT_SESSION_TIME, 60),
                integer64(AvpCodes.ACCOUNTING_INPUT_OCTETS, 1000),
                integer64(AvpCodes.ACCOUNTING_OUTPUT_OCTETS, 2000),
                integer64(AvpCodes.ACCOUNTING_INPUT_PACKETS, 3),
                integer64(AvpCodes.ACCOUNTING_OUTPUT_PACKETS, 4)));
        Avp charge = Avp.grouped(VendorAvpCodes.CHARGE_ENTRY, V, List.of(
                time(t2),
                integer32(VendorAvpCodes.ENTRY_KIND, V, Enumerations.ENTRY_KIND_TRANSFERRED_CHARGE),
                integer32(VendorAvpCodes.ENTRY_STATE, V, Enumerations.ENTRY_STATE_INVALIDATED),
                money(AvpCodes.CC_MONEY, 1250, -2),
                Avp.utf8(VendorAvpCodes.PAYEE_ID, V, "shop@shop.example"),
                Avp.utf8(VendorAvpCodes.GOODS_DESCRIPTION, V, "a book")));
        Avp cost = Avp.grouped(AvpCodes.COST_INFORMATION, 0, List.of(
                Avp.grouped(AvpCodes.UNIT_VALUE, 0, List.of(integer64(AvpCodes.VALUE_DIGITS, 1), integer32(AvpCodes.EXPONENT, 0, -2))),
                Avp.unsigned32(AvpCodes.CURRENCY_CODE, EUR),
                Avp.utf8(AvpCodes.COST_UNIT, "packet in default from 2026-01-01")));

        CommunicationCharges charges = ChargeQueryCodec.answer(cqa(List.of(fee, charge, money(AvpCodes.CC_MONEY, 7, -2), cost)), V);

        assertThat(charges.period()).isEqualTo("2026-11");
        assertThat(charges.entries()).containsExactly(
                new ChargeEntry(t1, ChargeEntry.Kind.COMMUNICATION_FEE, ChargeEntry.State.VALID, new Amount(new BigDecimal("0.07"), EUR),
                        Optional.of(new ChargeEntry.Usage(60, 1000, 2000, 3, 4)), Optional.empty(), Optional.empty(), List.of()),
                new ChargeEntry(t2, ChargeEntry.Kind.TRANSFERRED_CHARGE, ChargeEntry.State.INVALIDATED,
                        new Amount(new BigDecimal("12.50"), EUR), Optional.empty(), Optional.of("shop@shop.example"), Optional.empty(),
                        List.of("a book")));
        assertThat(charges.total()).isEqualTo(new Amount(new BigDecimal("0.07"), EUR));
        assertThat(charges.total().toString()).isEqualTo("0.07 EUR");
        assertThat(charges.tariffs()).containsExactly(new TariffLine(new Amount(new BigDecimal("0.01"), EUR),
                "packet in default from 2026-01-01"));
    }

    @Test
    void anAnswerWithoutTotalOrWithAnUnknownKindDoesNotDecode() {
        Avp badKind = Avp.grouped(VendorAvpCodes.CHARGE_ENTRY, V, List.of(
                time(Instant.parse("2026-11-03T10:00:00Z")),
                integer32(VendorAvpCodes.ENTRY_KIND, V, 9),
                integer32(VendorAvpCodes.ENTRY_STATE, V, Enumerations.ENTRY_STATE_VALID),
                money(AvpCodes.CC_MONEY, 7, -2)));

        assertThatThrownBy(() -> ChargeQueryCodec.answer(cqa(List.of()), V)).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> ChargeQueryCodec.answer(cqa(List.of(badKind, money(AvpCodes.CC_MONEY, 7, -2))), V))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("Entry-Kind 9");
    }

    @Test
    void timesAfter2036UseTheNextNtpEra() throws Exception {
        // RFC 6733 §4.3.1 / RFC 5905: 0x00000001 is 2036-02-07T06:28:17Z
        assertThat(Values.time(Avp.unsigned32(AvpCodes.EVENT_TIMESTAMP, 1))).isEqualTo(Instant.parse("2036-02-07T06:28:17Z"));
        assertThat(Values.time(time(Instant.parse("2026-11-26T00:00:00Z")))).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    }
}
