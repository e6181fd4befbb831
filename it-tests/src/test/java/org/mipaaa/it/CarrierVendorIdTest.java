package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;

/**
 * A carrier runs the vendor application under its own IANA enterprise number and Application-Id by
 * setting two values: CER/CEA, routing and the dictionary checks all follow.
 */
class CarrierVendorIdTest {

    private static final long CARRIER_VENDOR = 4242;
    private static final long CARRIER_APPLICATION = 16_777_999;

    private TopologyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAH, Role.AAAY), RoleApplications.STANDARD, Map.of(
                "carrier.vendor.id", Long.toString(CARRIER_VENDOR),
                "carrier.services.application.id", Long.toString(CARRIER_APPLICATION)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void capabilitiesExchangeAdvertisesTheCarriersApplication() {
        DiameterNode aaah = fixture.topology().node(Role.AAAH);
        DiameterNode aaay = fixture.topology().node(Role.AAAY);

        assertThat(aaah.settings().vendor().vendorId()).isEqualTo(CARRIER_VENDOR);
        assertThat(aaah.commonApplications(aaay.host()))
                .containsExactly(ApplicationId.createByAuthAppId(CARRIER_VENDOR, CARRIER_APPLICATION));
    }

    @Test
    void vendorAvpsAreCheckedUnderTheCarriersVendorId() throws Exception {
        DiameterNode aaah = fixture.topology().node(Role.AAAH);
        DiameterNode aaay = fixture.topology().node(Role.AAAY);

        // a PIR the AAAY serves, with one more Payee-Id under the default vendor id, now an unknown
        // vendor: its M-bit AVP is unsupported, answered by the dictionary before any handler
        Answer withDefaultVendor = Exchange.send(aaah, aaay, CommandCodes.PURCHASE_INFORMATION, CARRIER_VENDOR, CARRIER_APPLICATION, r -> {
            purchaseInformationRequest(r);
            r.getAvps().addAvp(VendorAvpCodes.PAYEE_ID, "shop@shop.example", 32473L, true, false, false);
        });
        assertThat(Exchange.resultCode(withDefaultVendor)).isEqualTo(ResultCodes.AVP_UNSUPPORTED);

        // under the carrier's vendor id alone the request is well formed: the AAAY's handler answers it,
        // with the carrier's Experimental-Result for a payee it does not serve
        Answer withCarrierVendor = Exchange.send(aaah, aaay, CommandCodes.PURCHASE_INFORMATION, CARRIER_VENDOR, CARRIER_APPLICATION,
                CarrierVendorIdTest::purchaseInformationRequest);
        assertThat(AnswerResult.of(withCarrierVendor)).contains(new AnswerResult(true, CARRIER_VENDOR, VendorResultCodes.UNKNOWN_PAYEE));
    }

    /** PIR { Auth-Session-State, User-Name, Payee-Id, Order-Reference } under the carrier's vendor id. */
    private static void purchaseInformationRequest(Request r) {
        r.getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        r.getAvps().addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
        r.getAvps().addAvp(VendorAvpCodes.PAYEE_ID, "no-such-shop", CARRIER_VENDOR, true, false, false);
        r.getAvps().addAvp(VendorAvpCodes.ORDER_REFERENCE, "A-1001", CARRIER_VENDOR, true, false, false);
    }
}
