package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;

/**
 * Every role refuses what it does not serve with the answer RFC 6733 §7 asks for, over real sockets
 * between real jDiameter stacks of the whole topology.
 */
@ExtendWith(ArquillianExtension.class)
class RefusalsTest {

    private static final String NAI = "mn1@home.example";
    private static final VendorSettings VENDOR = VendorSettings.defaults();

    @Deployment
    static JavaArchive deployment() {
        return Deployments.topology();
    }

    @Inject
    TopologyFixture fixture;

    private DiameterNode node(Role role) {
        return fixture.topology().node(role);
    }

    @Test
    void anApplicationTheNodeDoesNotServeIsAnswered3007WithTheEBit() throws Exception {
        Answer answer = Exchange.send(node(Role.AAAH), node(Role.HA), CommandCodes.PURCHASE_INFORMATION,
                VENDOR.vendorId(), VENDOR.accountingServicesApplicationId(),
                r -> r.getAvps().addAvp(AvpCodes.USER_NAME, NAI, true, false, false));

        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.APPLICATION_UNSUPPORTED);
        assertThat(answer.isError()).as("E bit of a protocol error").isTrue();
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).isEqualTo(node(Role.HA).host());
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_REALM)).isEqualTo(node(Role.HA).realm());
    }

    @Test
    void aCommandOfTheServicesApplicationTheTerminalNeverServesIsAnswered3001() throws Exception {
        Answer answer = Exchange.send(node(Role.AAAY), node(Role.TERMINAL), CommandCodes.CHARGE_QUERY,
                VENDOR.vendorId(), VENDOR.accountingServicesApplicationId(), r -> {
                    r.getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
                    r.getAvps().addAvp(AvpCodes.USER_NAME, NAI, true, false, false);
                    r.getAvps().addAvp(VendorAvpCodes.BILLING_PERIOD, "2026-11", VENDOR.vendorId(), true, false, false);
                });

        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.COMMAND_UNSUPPORTED);
        assertThat(answer.isError()).isTrue();
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).isEqualTo(node(Role.TERMINAL).host());
    }

    @Test
    void aCommandTheNodeDoesNotServeIsAnswered3001WithTheEBit() throws Exception {
        Answer answer = Exchange.send(node(Role.FA), node(Role.AAAF), CommandCodes.HOME_AGENT_MIP,
                0, ApplicationIds.MOBILE_IPV4, r -> {
                    AvpSet avps = r.getAvps();
                    avps.addAvp(AvpCodes.USER_NAME, NAI, true, false, false);
                    avps.addAvp(AvpCodes.AUTHORIZATION_LIFETIME, 300L, true, false, true);
                    avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
                    avps.addAvp(AvpCodes.MIP_FEATURE_VECTOR, 0L, true, false, true);
                    byte[] registration = new byte[24];
                    registration[0] = 1;
                    avps.addAvp(AvpCodes.MIP_REG_REQUEST, registration, true, false);
                });

        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.COMMAND_UNSUPPORTED);
        assertThat(answer.isError()).isTrue();
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).isEqualTo(node(Role.AAAF).host());
        assertThat(answer.getAvps().getAvp(AvpCodes.ERROR_MESSAGE, 0)).as("Error-Message").isNotNull();
    }

    @Test
    void aMissingRequiredAvpIsAnswered5005WithAnExampleInFailedAvp() throws Exception {
        // an AMR from the AAAF without MIP-Reg-Request, MIP-MN-AAA-Auth and MIP-Feature-Vector
        Answer answer = Exchange.send(node(Role.AAAF), node(Role.AAAH), CommandCodes.AA_MOBILE_NODE,
                0, ApplicationIds.MOBILE_IPV4, r -> {
                    r.getAvps().addAvp(AvpCodes.USER_NAME, NAI, true, false, false);
                    r.getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
                });

        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.MISSING_AVP);
        assertThat(answer.isError()).as("5xxx answers have no E bit").isFalse();
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).isEqualTo(node(Role.AAAH).host());
        AvpSet failed = Exchange.failedAvp(answer);
        assertThat(failed.size()).isEqualTo(1);
        Avp example = failed.getAvpByIndex(0);
        // the first required AVP missing in the order of RFC 4004 §5.1's ABNF
        assertThat(example.getCode()).isEqualTo(AvpCodes.MIP_REG_REQUEST);
        assertThat(example.getVendorId()).isZero();
        assertThat(example.isMandatory()).isTrue();
        // RFC 6733 §7.5: a value of minimum length, all zeroes: an empty OctetString
        assertThat(example.getOctetString()).isEmpty();
    }

    @Test
    void anUnknownAvpWithTheMBitIsAnswered5001WithThatAvpInFailedAvp() throws Exception {
        byte[] value = {1, 2, 3, 4};
        Answer answer = Exchange.send(node(Role.AAAH), node(Role.AAAY), CommandCodes.PURCHASE_INFORMATION,
                VENDOR.vendorId(), VENDOR.accountingServicesApplicationId(), r -> {
                    r.getAvps().addAvp(AvpCodes.USER_NAME, NAI, true, false, false);
                    r.getAvps().addAvp(VendorAvpCodes.ORDER_REFERENCE, "order-1", VENDOR.vendorId(), true, false, false);
                    r.getAvps().addAvp(4095, value, VENDOR.vendorId(), true, false);
                });

        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.AVP_UNSUPPORTED);
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).isEqualTo(node(Role.AAAY).host());
        AvpSet failed = Exchange.failedAvp(answer);
        Avp offending = failed.getAvpByIndex(0);
        assertThat(offending.getCode()).isEqualTo(4095);
        assertThat(offending.getVendorId()).isEqualTo(VENDOR.vendorId());
        assertThat(offending.getRawData()).isEqualTo(value);
    }

    @Test
    void anUnknownAvpWithoutTheMBitIsIgnored() throws Exception {
        // RFC 6733 §4.1: only unknown AVPs with the M bit are errors; this AMR then fails on what is missing
        Answer answer = Exchange.send(node(Role.AAAF), node(Role.AAAH), CommandCodes.AA_MOBILE_NODE,
                0, ApplicationIds.MOBILE_IPV4, r -> {
                    r.getAvps().addAvp(AvpCodes.USER_NAME, NAI, true, false, false);
                    r.getAvps().addAvp(4095, new byte[] {9}, VENDOR.vendorId(), false, false);
                });

        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.MISSING_AVP);
    }
}
