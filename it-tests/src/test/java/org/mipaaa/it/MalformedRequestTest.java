package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;

import org.jdiameter.client.api.IMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.role.Role;

/**
 * Requests a jDiameter stack would refuse to send, written byte by byte by a raw peer that presents
 * itself as the AAAF (a configured peer of the AAAH, reached over plain TCP in this topology): the AAAH
 * still answers each with the RFC 6733 Result-Code and Failed-AVP, and keeps the connection.
 */
class MalformedRequestTest {

    private static TopologyFixture fixture;
    private static RawPeer aaaf;

    @BeforeAll
    static void start() throws Exception {
        // plain TCP links, so a bare socket may speak for the AAAF (over TLS it would need its key)
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAH), RoleApplications.STANDARD, Map.of("link.security", "none"));
        aaaf = new RawPeer(fixture.port(Role.AAAH));
        IMessage cea = aaaf.capabilitiesExchange("aaaf.visited.example", "visited.example", ApplicationIds.MOBILE_IPV4);
        assertThat(cea.getAvps().getAvp(AvpCodes.RESULT_CODE, 0).getUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
    }

    @AfterAll
    static void stop() throws Exception {
        aaaf.close();
        fixture.close();
    }

    @Test
    void aRequestWithoutDestinationRealmIsAnswered5005NamingIt() throws Exception {
        IMessage amr = aaaf.request(CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4, "aaaf.visited.example", "visited.example");
        amr.getAvps().addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        amr.getAvps().addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
        aaaf.send(amr);

        IMessage answer = aaaf.read();

        assertThat(answer.isRequest()).isFalse();
        assertThat(answer.getEndToEndIdentifier()).isEqualTo(amr.getEndToEndIdentifier());
        assertThat(answer.getAvps().getAvp(AvpCodes.RESULT_CODE, 0).getUnsigned32()).isEqualTo(ResultCodes.MISSING_AVP);
        assertThat(answer.getAvps().getAvp(AvpCodes.FAILED_AVP, 0).getGrouped().getAvpByIndex(0).getCode())
                .isEqualTo(AvpCodes.DESTINATION_REALM);
    }

    @Test
    void aGroupedAvpWhoseContentDoesNotParseIsAnswered5004() throws Exception {
        IMessage amr = aaaf.request(CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4, "aaaf.visited.example", "visited.example");
        amr.getAvps().addAvp(AvpCodes.DESTINATION_REALM, "home.example", true, false, true);
        amr.getAvps().addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        amr.getAvps().addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
        amr.getAvps().addAvp(AvpCodes.MIP_REG_REQUEST, new byte[] {1, 0, 0, 60}, true, false);
        // MIP-MN-AAA-Auth is Grouped: three octets cannot hold an AVP header
        amr.getAvps().addAvp(AvpCodes.MIP_MN_AAA_AUTH, new byte[] {0, 0, 1}, true, false);
        aaaf.send(amr);

        IMessage answer = aaaf.read();

        assertThat(answer.getAvps().getAvp(AvpCodes.RESULT_CODE, 0).getUnsigned32()).isEqualTo(ResultCodes.INVALID_AVP_VALUE);
        assertThat(answer.getAvps().getAvp(AvpCodes.FAILED_AVP, 0).getGrouped().getAvpByIndex(0).getCode())
                .isEqualTo(AvpCodes.MIP_MN_AAA_AUTH);
    }
}
