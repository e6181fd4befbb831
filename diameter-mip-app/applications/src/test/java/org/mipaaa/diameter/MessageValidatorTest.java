package org.mipaaa.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Optional;

import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;

/** The dictionary checks on real jDiameter message objects (no stack needed to build a message). */
class MessageValidatorTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private final MessageParser parser = new MessageParser();
    private final MessageValidator validator = new MessageValidator(Dictionary.bundled());

    private IMessage request(int command, long app) {
        return TestRequests.request(parser, command, app);
    }

    private IMessage completeAmr() {
        return TestRequests.completeAmr(parser);
    }

    @Test
    void aCompleteRequestPasses() {
        assertThat(validator.validate(completeAmr())).isEmpty();
    }

    @Test
    void aMissingRequiredAvpGives5005WithAZeroExampleOfIt() {
        IMessage amr = completeAmr();
        amr.getAvps().removeAvp(AvpCodes.USER_NAME);

        Outcome.Refusal f = validator.validate(amr).orElseThrow();

        assertThat(f.resultCode()).isEqualTo(ResultCodes.MISSING_AVP);
        assertThat(f.failedAvp().code()).isEqualTo(AvpCodes.USER_NAME);
        assertThat(f.failedAvp().data()).isEmpty();
        assertThat(f.failedAvp().mandatory()).isTrue();
    }

    @Test
    void aMissingUnsigned32IsExemplifiedByFourZeroOctets() {
        IMessage amr = completeAmr();
        amr.getAvps().removeAvp(AvpCodes.AUTH_APPLICATION_ID);

        Outcome.Refusal f = validator.validate(amr).orElseThrow();

        assertThat(f.failedAvp().code()).isEqualTo(AvpCodes.AUTH_APPLICATION_ID);
        assertThat(f.failedAvp().data()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void anUnknownAvpWithTheMBitGives5001WithThatAvp() {
        IMessage amr = completeAmr();
        amr.getAvps().addAvp(4095, new byte[] {7, 7}, VENDOR.vendorId(), true, false);

        Outcome.Refusal f = validator.validate(amr).orElseThrow();

        assertThat(f.resultCode()).isEqualTo(ResultCodes.AVP_UNSUPPORTED);
        assertThat(f.failedAvp().code()).isEqualTo(4095);
        assertThat(f.failedAvp().vendorId()).isEqualTo(VENDOR.vendorId());
        assertThat(f.failedAvp().data()).containsExactly(7, 7);
    }

    @Test
    void anUnknownAvpWithoutTheMBitIsIgnored() {
        IMessage amr = completeAmr();
        amr.getAvps().addAvp(4095, new byte[] {7}, VENDOR.vendorId(), false, false);

        assertThat(validator.validate(amr)).isEmpty();
    }

    @Test
    void anAvpMoreOftenThanAllowedGives5009WithTheSurplusOne() {
        IMessage amr = completeAmr();
        amr.getAvps().addAvp(AvpCodes.USER_NAME, "second@home.example", true, false, false);

        Outcome.Refusal f = validator.validate(amr).orElseThrow();

        assertThat(f.resultCode()).isEqualTo(ResultCodes.AVP_OCCURS_TOO_MANY_TIMES);
        assertThat(new String(f.failedAvp().data(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("second@home.example");
    }

    @Test
    void aMissingAvpInsideAGroupedOneIsReportedWrappedInIt() {
        IMessage amr = completeAmr();
        amr.getAvps().removeAvp(AvpCodes.MIP_MN_AAA_AUTH);
        AvpSet auth = amr.getAvps().addGroupedAvp(AvpCodes.MIP_MN_AAA_AUTH, true, false);
        auth.addAvp(AvpCodes.MIP_MN_AAA_SPI, 256L, true, false, true);

        Outcome.Refusal f = validator.validate(amr).orElseThrow();

        assertThat(f.resultCode()).isEqualTo(ResultCodes.MISSING_AVP);
        assertThat(f.failedAvp().parent()).isNotNull();
        assertThat(f.failedAvp().parent().code()).isEqualTo(AvpCodes.MIP_MN_AAA_AUTH);
    }

    @Test
    void aCommandTheApplicationDoesNotDefineGives3001() {
        IMessage unknown = request(CommandCodes.PURCHASE_INFORMATION, ApplicationIds.MOBILE_IPV4);

        Optional<Outcome.Refusal> f = validator.validate(unknown);

        assertThat(f).get().extracting(Outcome.Refusal::resultCode).isEqualTo((long) ResultCodes.COMMAND_UNSUPPORTED);
    }

    @Test
    void vendorAvpsAreLookedUpWithTheirVendorId() {
        IMessage cqr = request(CommandCodes.CHARGE_QUERY, VENDOR.accountingServicesApplicationId());
        AvpSet avps = cqr.getAvps();
        AvpSet vsa = avps.addGroupedAvp(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID, true, false);
        vsa.addAvp(AvpCodes.VENDOR_ID, VENDOR.vendorId(), true, false, true);
        vsa.addAvp(AvpCodes.AUTH_APPLICATION_ID, VENDOR.accountingServicesApplicationId(), true, false, true);
        avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        avps.addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
        // Billing-Period has vendor code 11; a standard AVP 11 (Filter-Id) must not stand in for it
        avps.addAvp(11, "2026-11", 0, true, false, false);

        Outcome.Refusal f = validator.validate(cqr).orElseThrow();

        assertThat(f.resultCode()).isIn((long) ResultCodes.MISSING_AVP, (long) ResultCodes.AVP_UNSUPPORTED);
        avps.removeAvp(11);
        avps.addAvp(VendorAvpCodes.BILLING_PERIOD, "2026-11", VENDOR.vendorId(), true, false, false);
        assertThat(validator.validate(cqr)).isEmpty();
    }

    /** An AVP's bytes (RFC 6733 §4.1), M bit set, padded to 32 bits. */
    private static byte[] avp(int code, byte[] data) {
        int padded = (data.length + 3) & ~3;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + padded);
        b.putInt(code).putInt((0x40 << 24) | (8 + data.length)).put(data);
        return b.array();
    }

    /** The contents of a Proxy-Info holding Proxy-Host, Proxy-State and, {@code depth} times over, another Proxy-Info. */
    private static byte[] nestedProxyInfo(int depth) {
        byte[] host = avp(AvpCodes.PROXY_HOST, "relay.interop.example".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] state = avp(AvpCodes.PROXY_STATE, new byte[] {1, 2, 3, 4});
        int level = host.length + state.length;
        // written outside in, each Proxy-Info's length the rest of the buffer: no copying per level
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(level + (depth - 1) * (8 + level));
        for (int i = 0; i < depth; i++) {
            b.put(host).put(state);
            if (i < depth - 1) {
                b.putInt(AvpCodes.PROXY_INFO);
                b.putInt((0x40 << 24) | (4 + b.remaining())); // the rest of the buffer after the code: this length field on
            }
        }
        return b.array();
    }

    @Test
    void attack7_proxyInfoNestedTwentyThousandDeepIs5004AtTheDepthLimitNotARecursion() {
        IMessage amr = completeAmr();
        amr.getAvps().addAvp(AvpCodes.PROXY_INFO, nestedProxyInfo(20_000), true, false);

        Outcome.Refusal f = validator.validate(amr).orElseThrow();

        assertThat(f.resultCode()).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
        assertThat(f.errorMessage()).contains("deeper than " + MessageValidator.MAX_DEPTH);
        int depth = 0;
        for (FailedAvp a = f.failedAvp(); a != null; a = a.parent()) {
            assertThat(a.code()).isEqualTo(AvpCodes.PROXY_INFO);
            depth++;
        }
        assertThat(depth).isEqualTo(MessageValidator.MAX_DEPTH);
    }

    @Test
    void proxyInfoNestedWithinTheLimitPasses() {
        IMessage amr = completeAmr();
        amr.getAvps().addAvp(AvpCodes.PROXY_INFO, nestedProxyInfo(MessageValidator.MAX_DEPTH - 1), true, false);

        assertThat(validator.validate(amr)).isEmpty();
    }

    /** FrameReaderFuzzTest's finding-grouped-member-without-padding (AvpsTest): jDiameter's getGrouped never returned. */
    @Test
    void aGroupedAvpWhoseLastMemberLacksItsPaddingIs5004NotALoopInJDiameter() {
        IMessage amr = completeAmr();
        amr.getAvps().addAvp(AvpCodes.PROXY_INFO, AvpsTest.proxyInfoMembers(3), true, false);

        Outcome.Refusal f = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> validator.validate(amr)).orElseThrow();

        assertThat(f.resultCode()).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
        assertThat(f.failedAvp().code()).isEqualTo(AvpCodes.PROXY_INFO);
        assertThat(f.failedAvp().data()).isEqualTo(AvpsTest.proxyInfoMembers(3));
    }

    /** Found in FrameReaderFuzzTest's output: Failed-AVP read with jDiameter's getRawData, which prints a stack trace. */
    @Test
    void anEmptyUnknownAvpWithTheMBitIs5001WithNoDataAndNoStackTrace() {
        IMessage amr = completeAmr();
        amr.getAvps().addAvp(4095, new byte[0], VENDOR.vendorId(), true, false);

        StandardError.Printed<Optional<Outcome.Refusal>> refusal = StandardError.during(() -> validator.validate(amr));

        Outcome.Refusal f = refusal.result().orElseThrow();
        assertThat(f.resultCode()).isEqualTo(ResultCodes.AVP_UNSUPPORTED);
        assertThat(f.failedAvp().code()).isEqualTo(4095);
        assertThat(f.failedAvp().data()).isEmpty();
        assertThat(refusal.text()).isEmpty();
    }

    @Test
    void moreAvpsThanTheBoundIs5009() {
        IMessage amr = completeAmr();
        for (int i = 0; i < MessageValidator.MAX_AVPS; i++) {
            amr.getAvps().addAvp(99_999, new byte[4], false, false); // unknown, no M bit: ignored one by one
        }

        Outcome.Refusal f = validator.validate(amr).orElseThrow();

        assertThat(f.resultCode()).isEqualTo(ResultCodes.AVP_OCCURS_TOO_MANY_TIMES);
        assertThat(f.errorMessage()).contains("more than " + MessageValidator.MAX_AVPS);
    }
}
