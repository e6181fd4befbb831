package org.mipaaa.aaah.registration;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.registration.HomeAddressPool;
import org.mipaaa.registration.HomeRegistrationSettings;
import org.mipaaa.registration.HomeSessions;
import org.mipaaa.registration.InfinispanHomeAddressPool;
import org.mipaaa.registration.InfinispanSubscriberDirectory;
import org.mipaaa.registration.RegistrationSettings;
import org.mipaaa.registration.SessionOwners;
import org.mipaaa.registration.SubscriberDirectory;
import org.mipaaa.registration.SubscriberProvisioning;
import org.mipaaa.registration.VisitedRealms;
import org.mipaaa.role.RoleContext;

/**
 * The AAAH's side of Mobile IP registration (seed S104-S106, RFC 4004 §4): AMR answered after the
 * MN-AAA check, with the home address and the session keys, once the home agent has accepted the HAR;
 * STR of a session the home agent ended frees its home address.
 *
 * @param subscribers the provisioned subscribers (re-read from {@code subscribers.file} at each start)
 * @param pool        the dynamic home addresses, when {@code home.address.pool} is set
 * @param sessions    the registration session of each mobile node
 * @param owners      whose each session of an accepted registration is
 */
public record HomeRegistration(SubscriberDirectory subscribers, Optional<HomeAddressPool> pool, HomeSessions sessions,
                               SessionOwners owners) {

    /** Provisions the subscribers, opens the pool and registers the AMR and STR handlers. */
    public static HomeRegistration install(RoleContext ctx) {
        RegistrationSettings registration = RegistrationSettings.from(ctx.settings());
        HomeRegistrationSettings home = HomeRegistrationSettings.from(ctx.settings());
        SubscriberDirectory subscribers = InfinispanSubscriberDirectory.in(ctx.state());
        Path file = registration.subscribersFile().orElseThrow(
                () -> new IllegalStateException(ctx.host() + ": the AAAH needs subscribers.file"));
        if (registration.homeAddressPool().isPresent()) {
            SubscriberProvisioning.load(file, subscribers, registration.homeAddressPool().get());
        } else {
            SubscriberProvisioning.load(file, subscribers);
        }
        Optional<HomeAddressPool> pool = registration.homeAddressPool().map(range -> InfinispanHomeAddressPool.in(ctx.state(), range));
        HomeSessions sessions = HomeSessions.in(ctx.state());
        VisitedRealms visited = VisitedRealms.in(ctx.state());
        SessionOwners owners = SessionOwners.in(ctx.state());
        ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE,
                new AmrHandler(subscribers, pool, sessions, visited, owners, ctx.client(), home, new SecureRandom(), ctx.realm()));
        home.homeAgentHost().orElseThrow(() -> new IllegalStateException(ctx.host() + ": the AAAH needs registration.home.agent.host"));
        // RFC 4004 §4: STR/STA of Mobile IPv4 sessions carry Application-Id 0; RFC 6733 §3 has the
        // session's application, 2, in the header (the STR's Auth-Application-Id is 2 either way): both served
        StrHandler str = new StrHandler(pool, sessions, visited, owners, home);
        ctx.handlers().register(ApplicationIds.COMMON_MESSAGES, CommandCodes.SESSION_TERMINATION, str);
        ctx.handlers().register(ApplicationIds.MOBILE_IPV4, CommandCodes.SESSION_TERMINATION, str);
        return new HomeRegistration(subscribers, pool, sessions, owners);
    }
}
