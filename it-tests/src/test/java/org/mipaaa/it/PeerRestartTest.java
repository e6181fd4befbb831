package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;

/**
 * A peer that restarts is reconnected over TLS by the node that dials it, with no operator action:
 * jDiameter reuses its connection object for every attempt, so the transport must start each
 * connection afresh. Requests flow again afterwards.
 */
class PeerRestartTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private TopologyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAH, Role.HA), RoleApplications.NONE, Map.of());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theAaahReconnectsToARestartedHomeAgentTwice() throws Exception {
        for (int restart = 1; restart <= 2; restart++) {
            DiameterNode ha = fixture.topology().restart(Role.HA);
            DiameterNode aaah = fixture.topology().node(Role.AAAH);

            assertThat(aaah.awaitPeers(Set.of(ha.host()), Duration.ofSeconds(20))).as("reconnected after restart " + restart).isTrue();
            Answer answer = Exchange.send(aaah, ha, CommandCodes.PURCHASE_INFORMATION, VENDOR.vendorId(),
                    VENDOR.accountingServicesApplicationId(), r -> r.getAvps().addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false));
            assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.APPLICATION_UNSUPPORTED);
            assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).isEqualTo(ha.host());
        }
    }

    @Test
    void aRestartedAaahReconnectsToItsHomeAgent() throws Exception {
        DiameterNode aaah = fixture.topology().restart(Role.AAAH);
        DiameterNode ha = fixture.topology().node(Role.HA);

        assertThat(aaah.awaitPeers(Set.of(ha.host()), Duration.ofSeconds(20))).isTrue();
        assertThat(ha.awaitPeers(Set.of(aaah.host()), Duration.ofSeconds(20))).isTrue();
    }
}
