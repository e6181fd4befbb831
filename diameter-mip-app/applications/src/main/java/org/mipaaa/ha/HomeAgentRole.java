package org.mipaaa.ha;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.ha.presence.HomePresence;
import org.mipaaa.registration.AbortedSessions;
import org.mipaaa.registration.AddressRange;
import org.mipaaa.registration.BindingEndListener;
import org.mipaaa.registration.BindingExpiry;
import org.mipaaa.registration.BindingTable;
import org.mipaaa.registration.BindingUpdateListener;
import org.mipaaa.registration.ForeignHomeKeys;
import org.mipaaa.registration.HomeRegistrationSettings;
import org.mipaaa.registration.IdentificationCheck;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.registration.InfinispanHomeAddressPool;
import org.mipaaa.registration.PendingTerminations;
import org.mipaaa.registration.RegistrationSettings;
import org.mipaaa.role.RoleContext;

/**
 * The home agent (seed S105, S107-S110, RFC 4004 §4): HAR from the AAAH binds the home address to the
 * care-of address; renewals come straight over UDP from the FA or the mobile node; bindings expire; a
 * binding's end ends its AAA session (STR); an ASR from the AAAH aborts a session it gave up on. With
 * {@code presence.file}, the presence of its mobile nodes too (seed Fig. 20).
 *
 * @param bindings    the mobility bindings (file store)
 * @param har         the HAR handler (S105)
 * @param abort       the ASR handler
 * @param renewals    renewals and deregistrations over UDP (S108-S109)
 * @param expiry      removes bindings whose lifetime passed
 * @param termination the STR of each binding that ended
 * @param presence    the presence of the home agent's mobile nodes, when configured
 */
public record HomeAgentRole(BindingTable bindings, HarHandler har, AsrHandler abort, HomeAgentRenewals renewals,
                            BindingExpiry expiry, SessionTermination termination, Optional<HomePresence> presence) {

    /**
     * Settings: {@code ha.udp.address}/{@code ha.udp.port} (renewals, 434), {@code ha.expiry.check.ms},
     * {@code ha.str.retry.max.ms}, {@code ha.foreign.agent.keys}, {@code ha.home.address.pool}
     * (the addresses for HARs that name none, RFC 4004 §5.3; unset: such an HAR is refused), {@code registration.home.aaa.host}
     * (the AAAH allowed to abort sessions; any peer when unset), {@code identification.tolerance.ms},
     * and the home registration settings ({@link HomeRegistrationSettings}).
     */
    public static HomeAgentRole install(RoleContext ctx) throws IOException {
        var s = ctx.settings();
        RegistrationSettings registration = RegistrationSettings.from(s);
        HomeRegistrationSettings home = HomeRegistrationSettings.from(s);
        BindingTable bindings = InfinispanBindingTable.in(ctx.state());
        String range = s.get("ha.home.address.pool", "").strip();
        HomeAgentAddresses addresses = new HomeAgentAddresses(range.isEmpty() ? Optional.empty()
                : Optional.of(InfinispanHomeAddressPool.in(ctx.state(), AddressRange.parse(range))));
        HarHandler har = new HarHandler(bindings, AbortedSessions.in(ctx.state()), PendingTerminations.in(ctx.state()),
                addresses, home,
                new IdentificationCheck(registration.identificationTolerance()), new SecureRandom(), ctx.clock(), ctx.host());
        ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.HOME_AGENT_MIP, har);
        // several for a cluster of AAAHs, comma-separated
        Set<String> aaahs = Arrays.stream(s.get("registration.home.aaa.host", "").split(","))
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).collect(Collectors.toSet());
        AsrHandler abort = new AsrHandler(bindings, AbortedSessions.in(ctx.state()), aaahs);
        // RFC 4004 §4 has Application-Id 0 in the ASR's header; RFC 6733 §3 allows the session's, 2, as well
        ctx.handlers().register(ApplicationIds.COMMON_MESSAGES, CommandCodes.ABORT_SESSION, abort);
        ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.ABORT_SESSION, abort);

        HomeAgentRenewals renewals = new HomeAgentRenewals(bindings, new IdentificationCheck(registration.identificationTolerance()),
                home.maxLifetime(), ctx.clock(), ctx.mobileIpPorts(),
                new InetSocketAddress(s.get("ha.udp.address", "127.0.0.1"), s.integer("ha.udp.port", 434)), home.homeAgentAddress(),
                ForeignHomeKeys.parse(s.get("ha.foreign.agent.keys", "")));
        ctx.closeWith(renewals);
        BindingExpiry expiry = new BindingExpiry(bindings, ctx.clock(), ctx.millis("ha.expiry.check.ms", 1000), ctx.host());
        ctx.closeWith(expiry);
        SessionTermination termination = new SessionTermination(ctx.client(), ctx.realm(), PendingTerminations.in(ctx.state()),
                ctx.millis("ha.str.retry.max.ms", 60_000));
        ctx.closeWith(termination);
        renewals.addListener(termination);
        expiry.addListener(termination);
        abort.addListener(termination);
        renewals.addListener(addresses);
        expiry.addListener(addresses);
        abort.addListener(addresses);
        termination.resume();

        Optional<HomePresence> presence = HomePresence.install(ctx);
        presence.ifPresent(p -> {
            har.addListener(p.tracker());
            renewals.addListener((BindingUpdateListener) p.tracker());
            renewals.addListener((BindingEndListener) p.tracker());
            expiry.addListener(p.tracker());
            abort.addListener(p.tracker());
        });
        return new HomeAgentRole(bindings, har, abort, renewals, expiry, termination, presence);
    }
}
