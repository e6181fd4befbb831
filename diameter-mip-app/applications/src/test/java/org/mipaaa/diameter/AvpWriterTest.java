package org.mipaaa.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;

import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The writer puts on the wire exactly the octets the hand-written {@code addAvp(code, value, flags)}
 * calls it replaces did (flags, vendor, encoding per type), compared as jDiameter encodes the whole
 * message; and it refuses at once what the dictionary does not define.
 */
class AvpWriterTest {

    private static final long V = VendorSettings.defaults().vendorId();
    private final Dictionary dictionary = Dictionary.bundled();
    private final MessageParser parser = new MessageParser();

    private byte[] encoded(Consumer<AvpSet> fill) throws Exception {
        IMessage m = parser.createEmptyMessage(CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4);
        m.setRequest(true);
        // the identifiers of each new message differ; the AVPs are what is compared
        m.setEndToEndIdentifier(1);
        m.setHopByHopIdentifier(1);
        fill.accept(m.getAvps());
        ByteBuffer buffer = parser.encodeMessage(m);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private void assertSameOnTheWire(Consumer<AvpWriter> written, Consumer<AvpSet> byHand) throws Exception {
        assertThat(encoded(avps -> written.accept(new AvpWriter(dictionary, avps)))).isEqualTo(encoded(byHand));
    }

    @Test
    void stringsGoAsUtf8OrOctetsByTheirTypeWithTheDictionarysMBit() throws Exception {
        assertSameOnTheWire(w -> w.add(AvpCodes.USER_NAME, "mn1@home.example")
                        .add(AvpCodes.ORIGIN_HOST, "aaah.home.example")
                        .add(AvpCodes.ERROR_MESSAGE, "refusé")
                        .add(AvpCodes.ERROR_REPORTING_HOST, "aaay.shop.example")
                        .add(AvpCodes.ACCT_MULTI_SESSION_ID, "ha;1"),
                a -> {
                    a.addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
                    a.addAvp(AvpCodes.ORIGIN_HOST, "aaah.home.example", true, false, true);
                    a.addAvp(AvpCodes.ERROR_MESSAGE, "refusé", false, false, false);
                    a.addAvp(AvpCodes.ERROR_REPORTING_HOST, "aaay.shop.example", false, false, true);
                    a.addAvp(AvpCodes.ACCT_MULTI_SESSION_ID, "ha;1", true, false, false);
                });
    }

    @Test
    void numbersTakeTheWidthOfTheirType() throws Exception {
        assertSameOnTheWire(w -> w.add(AvpCodes.ACCOUNTING_RECORD_NUMBER, 4_000_000_000L)
                        .add(AvpCodes.ACCOUNTING_INPUT_OCTETS, 1L << 40)
                        .add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED)
                        .add(AvpCodes.VALUE_DIGITS, 680)
                        .add(AvpCodes.EXPONENT, -2),
                a -> {
                    a.addAvp(AvpCodes.ACCOUNTING_RECORD_NUMBER, 4_000_000_000L, true, false, true);
                    a.addAvp(AvpCodes.ACCOUNTING_INPUT_OCTETS, 1L << 40, true, false);
                    a.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
                    a.addAvp(AvpCodes.VALUE_DIGITS, 680L, true, false);
                    a.addAvp(AvpCodes.EXPONENT, -2, true, false);
                });
    }

    @Test
    void octetsTimesAddressesAndGroupsAsBefore() throws Exception {
        InetAddress home = InetAddress.getByName("192.0.2.10");
        Instant t = Instant.parse("2026-11-26T12:00:00Z");
        assertSameOnTheWire(w -> {
            w.add(AvpCodes.MIP_REG_REQUEST, new byte[] {1, 2, 3})
                    .add(AvpCodes.EVENT_TIMESTAMP, t)
                    .add(AvpCodes.MIP_HOME_AGENT_ADDRESS, home);
            w.group(AvpCodes.MIP_MN_AAA_AUTH).add(AvpCodes.MIP_MN_AAA_SPI, 256);
        }, a -> {
            a.addAvp(AvpCodes.MIP_REG_REQUEST, new byte[] {1, 2, 3}, true, false);
            a.addAvp(AvpCodes.EVENT_TIMESTAMP, Date.from(t), true, false);
            a.addAvp(AvpCodes.MIP_HOME_AGENT_ADDRESS, home, true, false);
            a.addGroupedAvp(AvpCodes.MIP_MN_AAA_AUTH, true, false).addAvp(AvpCodes.MIP_MN_AAA_SPI, 256L, true, false, true);
        });
    }

    @Test
    void vendorAvpsGetTheVBitAndTheirVendor() throws Exception {
        assertSameOnTheWire(w -> {
            w.add(VendorAvpCodes.PAYEE_ID, V, "cafe@shop.example")
                    .add(VendorAvpCodes.SETTLEMENT_MODE, V, Enumerations.SETTLEMENT_MODE_HOME_ONLY)
                    .add(VendorAvpCodes.SPONSORED_SHARE, V, 40)
                    .add(VendorAvpCodes.TERMINAL_HOST, V, "terminal.shop.example")
                    .add(VendorAvpCodes.CUSTOMER_CREDENTIAL, V, new byte[] {9, 9});
            w.group(VendorAvpCodes.AAAM_AUTHENTICATOR, V).encoded(VendorAvpCodes.AAAM_REPLAY_COUNTER, V, new byte[8]);
        }, a -> {
            a.addAvp(VendorAvpCodes.PAYEE_ID, "cafe@shop.example", V, true, false, false);
            a.addAvp(VendorAvpCodes.SETTLEMENT_MODE, Enumerations.SETTLEMENT_MODE_HOME_ONLY, V, true, false);
            a.addAvp(VendorAvpCodes.SPONSORED_SHARE, 40L, V, true, false, true);
            a.addAvp(VendorAvpCodes.TERMINAL_HOST, "terminal.shop.example", V, true, false, true);
            a.addAvp(VendorAvpCodes.CUSTOMER_CREDENTIAL, new byte[] {9, 9}, V, true, false);
            a.addGroupedAvp(VendorAvpCodes.AAAM_AUTHENTICATOR, V, true, false)
                    .addAvp(VendorAvpCodes.AAAM_REPLAY_COUNTER, new byte[8], V, true, false);
        });
    }

    @Test
    void aFailedAvpKeepsTheFlagsItCameWithInsideItsGroups() throws Exception {
        FailedAvp group = new FailedAvp(AvpCodes.MIP_MN_AAA_AUTH, 0, true, new byte[0], null);
        FailedAvp unknown = new FailedAvp(4095, V, true, new byte[] {1, 2, 3, 4}, group);
        assertSameOnTheWire(w -> w.failedAvp(unknown), a -> a.addGroupedAvp(AvpCodes.FAILED_AVP, true, false)
                .addGroupedAvp(AvpCodes.MIP_MN_AAA_AUTH, 0, true, false).addAvp(4095, new byte[] {1, 2, 3, 4}, V, true, false));
    }

    @Test
    void whatTheDictionaryDoesNotDefineIsRefusedAtOnce() {
        AvpSet avps = parser.createEmptyMessage(CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4).getAvps();
        AvpWriter w = new AvpWriter(dictionary, avps);

        assertThatThrownBy(() -> w.add(4095, V, "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no AVP 4095");
        assertThatThrownBy(() -> w.add(VendorAvpCodes.SETTLEMENT_ID, "forgot the vendor"))
                .as("Settlement-Id is vendor 6; code 6 of vendor 0 is not ours").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.add(AvpCodes.RESULT_CODE, "2001")).hasMessageContaining("Result-Code is Unsigned32, not a string");
        assertThatThrownBy(() -> w.add(AvpCodes.USER_NAME, 1L)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> w.add(AvpCodes.ACCOUNTING_RECORD_NUMBER, -1L)).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> w.group(AvpCodes.USER_NAME)).hasMessageContaining("not members");
        assertThat(avps.size()).as("nothing half written").isZero();
    }
}
