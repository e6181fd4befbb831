package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.aaaf.VisitorEntries;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.install.RoleApplications;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;

/**
 * The AAAF as a proxy towards the home realm (seed S103-S104 transport, RFC 6733 §6.1.9), over TLS
 * links: FA -> AAAF -> AAAH and back. The AAAH gets a recording handler for AMR here: what is proven
 * is the relaying, not the registration.
 */
class RealmProxyTest {

    private final List<Request> seenAtHome = new CopyOnWriteArrayList<>();
    private TopologyFixture fixture;

    private void start(EnumSet<Role> roles) throws Exception {
        // the AAAF's own proxy; at home a test double that records what reaches it
        RoleApplications testHome = TopologyFixture.only(role -> {
            HandlerRegistry handlers = new HandlerRegistry();
            if (role == Role.AAAH) {
                handlers.register(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE, request -> {
                    seenAtHome.add(request);
                    return Outcome.success().now();
                });
            }
            return handlers;
        });
        fixture = new TopologyFixture().start(roles,
                ctx -> ctx.role() == Role.AAAF ? RoleApplications.STANDARD.install(ctx) : testHome.install(ctx), Map.of());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static void amr(Request r) {
        AvpSet avps = r.getAvps();
        avps.addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
        avps.addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        byte[] registration = new byte[24];
        registration[0] = 1;
        avps.addAvp(AvpCodes.MIP_REG_REQUEST, registration, true, false);
        AvpSet auth = avps.addGroupedAvp(AvpCodes.MIP_MN_AAA_AUTH, true, false);
        auth.addAvp(AvpCodes.MIP_MN_AAA_SPI, 256L, true, false, true);
        auth.addAvp(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, 24L, true, false, true);
        auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_LENGTH, 16L, true, false, true);
        auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_OFFSET, 24L, true, false, true);
    }

    @Test
    void anAmrForTheHomeRealmTravelsThroughTheAaafAndItsAnswerComesBack() throws Exception {
        start(EnumSet.of(Role.FA, Role.AAAF, Role.AAAH));
        DiameterNode fa = fixture.topology().node(Role.FA);
        DiameterNode aaah = fixture.topology().node(Role.AAAH);
        var out = fa.client().newRequest(CommandCodes.AA_MOBILE_NODE,
                org.jdiameter.api.ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), aaah.realm(), null);
        amr(out.request());
        String sessionId = out.request().getAvps().getAvp(AvpCodes.SESSION_ID, 0).getUTF8String();
        long endToEnd = out.request().getEndToEndIdentifier();

        Answer answer = out.send().get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(seenAtHome).hasSize(1);
        Request atHome = seenAtHome.get(0);
        assertThat(atHome.getAvps().getAvp(AvpCodes.ORIGIN_HOST, 0).getDiameterIdentity()).as("Origin-Host kept").isEqualTo(fa.host());
        assertThat(atHome.getAvps().getAvp(AvpCodes.SESSION_ID, 0).getUTF8String()).isEqualTo(sessionId);
        assertThat(atHome.getEndToEndIdentifier()).as("End-to-End kept").isEqualTo(endToEnd);
        List<String> routeRecords = new java.util.ArrayList<>();
        for (Avp rr : atHome.getAvps().getAvps(AvpCodes.ROUTE_RECORD, 0)) {
            routeRecords.add(rr.getDiameterIdentity());
        }
        // RFC 6733 §6.1.9: the identity of the peer the AAAF received it from, the FA
        assertThat(routeRecords).containsExactly(fa.host());
        // the AAAF made its entry for the visiting mobile node (seed S104)
        assertThat(VisitorEntries.in(fixture.topology().node(Role.AAAF).state(), java.time.Clock.systemUTC())
                .entry("mn1@home.example")).get().asString().endsWith(sessionId);

        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).as("the home server's answer, relayed").isEqualTo(aaah.host());
        // the trace at the AAAH names the AAAF as the hop it came from, and the seed's step
        assertThat(fixture.events()).anyMatch(e -> e.command().equals("AMR") && e.to().equals(aaah.host())
                && e.from().equals(fixture.topology().node(Role.AAAF).host()) && "S104".equals(e.step()));
    }

    @Test
    void aRequestThatAlreadyPassedTheAaafIsALoop() throws Exception {
        start(EnumSet.of(Role.FA, Role.AAAF, Role.AAAH));
        DiameterNode fa = fixture.topology().node(Role.FA);
        DiameterNode aaaf = fixture.topology().node(Role.AAAF);
        var out = fa.client().newRequest(CommandCodes.AA_MOBILE_NODE,
                org.jdiameter.api.ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), "home.example", null);
        amr(out.request());
        // a node after the AAAF recorded it (as the peer it received the request from), in other case
        out.request().getAvps().addAvp(AvpCodes.ROUTE_RECORD, aaaf.host().toUpperCase(java.util.Locale.ROOT), true, false, true);

        Answer answer = out.send().get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.LOOP_DETECTED);
        assertThat(answer.isError()).isTrue();
        assertThat(seenAtHome).isEmpty();
    }

    @Test
    void aHomeRealmThatCannotBeReachedIsAnswered3002ByTheAaaf() throws Exception {
        start(EnumSet.of(Role.FA, Role.AAAF));
        DiameterNode fa = fixture.topology().node(Role.FA);
        var out = fa.client().newRequest(CommandCodes.AA_MOBILE_NODE,
                org.jdiameter.api.ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), "home.example", null);
        amr(out.request());

        Answer answer = out.send().get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(Exchange.resultCode(answer)).isEqualTo(ResultCodes.UNABLE_TO_DELIVER);
        assertThat(answer.isError()).isTrue();
        assertThat(Exchange.identity(answer, AvpCodes.ORIGIN_HOST)).isEqualTo(fixture.topology().node(Role.AAAF).host());
    }
}
