package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
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
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAH, Role.AAAY), RoleApplications.NONE, Map.of(
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

        // the default vendor id is now an unknown vendor: its M-bit AVP is unsupported
        Answer withDefaultVendor = Exchange.send(aaah, aaay, CommandCodes.CHARGE_QUERY, CARRIER_VENDOR, CARRIER_APPLICATION, r -> {
            r.getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
            r.getAvps().addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
            r.getAvps().addAvp(VendorAvpCodes.BILLING_PERIOD, "2026-11", 32473L, true, false, false);
        });
        assertThat(Exchange.resultCode(withDefaultVendor)).isEqualTo(ResultCodes.AVP_UNSUPPORTED);

        // under the carrier's vendor id the same request is well formed: the AAAY does not serve CQR
        Answer withCarrierVendor = Exchange.send(aaah, aaay, CommandCodes.CHARGE_QUERY, CARRIER_VENDOR, CARRIER_APPLICATION, r -> {
            r.getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
            r.getAvps().addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
            r.getAvps().addAvp(VendorAvpCodes.BILLING_PERIOD, "2026-11", CARRIER_VENDOR, true, false, false);
        });
        assertThat(Exchange.resultCode(withCarrierVendor)).isEqualTo(ResultCodes.COMMAND_UNSUPPORTED);
    }
}
