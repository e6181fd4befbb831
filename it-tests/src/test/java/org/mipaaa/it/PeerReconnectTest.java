package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.lab.Topology;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;

/**
 * A mobile node drops its TLS link without a DPR (it moved, its radio went) and dials again at once,
 * as the same DIAMETER identity: each request on the new link is answered on it. jDiameter learns of
 * the old link's end only when it reads the close, which can be after the new link's CER.
 */
class PeerReconnectTest {

    private static final String MN2_HOST = "mn2.home.example";
    private static final String REALM = "home.example";
    private static final int DIALS = 25;

    @TempDir
    static Path dir;

    private static TopologyFixture fixture;
    private static Path tls;

    @BeforeAll
    static void start() throws Exception {
        Set<Role> roles = EnumSet.of(Role.AAAH);
        tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(Topology.hosts(TopologyFixture.configRoot(), roles, Map.of()));
        PkiIssuer.issueAll(tls, "reconnect lab CA", hosts, List.of(MN2_HOST));
        fixture = new TopologyFixture().start(roles, RoleApplications.STANDARD, Map.of("tls.dir", tls.toString()));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aMobileNodeThatDropsItsLinkWithoutDprAndDialsAgainIsAnsweredOnTheNewLink() throws Exception {
        for (int dial = 1; dial <= DIALS; dial++) {
            try (RawPeer mn2 = dial()) {
                // an ACR for another subscriber: refused by the trust boundary, so answered by the node itself
                mn2.send(acrForMn1(mn2, 0x2000 + dial));
                IMessage answer = mn2.readAnswer(MN2_HOST, REALM);
                assertThat(answer.getAvps().getAvp(AvpCodes.RESULT_CODE).getUnsigned32())
                        .as("answer on dial %d", dial).isEqualTo(ResultCodes.AUTHORIZATION_REJECTED);
            }
        }
    }

    /** mn2 over TLS with its own certificate, past CER/CEA; closed later without DPR. */
    private static RawPeer dial() throws Exception {
        RawPeer peer = RawPeer.overTls(tls, MN2_HOST, fixture.tlsPort(Role.AAAH));
        IMessage cer = peer.capabilitiesExchangeRequest(MN2_HOST, REALM, ApplicationIds.MOBILE_IPV4);
        cer.getAvps().addAvp(AvpCodes.ACCT_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        peer.send(cer);
        IMessage cea = peer.read();
        assertThat(cea.getAvps().getAvp(AvpCodes.RESULT_CODE).getUnsigned32()).as("CEA").isEqualTo(ResultCodes.SUCCESS);
        return peer;
    }

    private static IMessage acrForMn1(RawPeer peer, long endToEnd) {
        IMessage acr = peer.request(CommandCodes.ACCOUNTING, ApplicationIds.MOBILE_IPV4, MN2_HOST, REALM);
        acr.getAvps().addAvp(AvpCodes.DESTINATION_REALM, REALM, true, false, true);
        acr.setEndToEndIdentifier(endToEnd);
        acr.setHopByHopIdentifier(endToEnd);
        acr.getAvps().addAvp(AvpCodes.ACCOUNTING_RECORD_TYPE, Enumerations.ACCOUNTING_RECORD_TYPE_EVENT_RECORD, true, false);
        acr.getAvps().addAvp(AvpCodes.ACCOUNTING_RECORD_NUMBER, 0L, true, false, true);
        acr.getAvps().addAvp(AvpCodes.ACCT_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        acr.getAvps().addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
        return acr;
    }
}
