package org.mipaaa.aaah.registration;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Avp;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.registration.HomeAddressPool;
import org.mipaaa.registration.HomeRegistrationSettings;
import org.mipaaa.registration.HomeSessions;
import org.mipaaa.registration.SessionOwners;
import org.mipaaa.registration.VisitedRealms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home AAA server's Session-Termination-Request (RFC 6733 §8.4.1; RFC 4004 §4.1.3).
 *
 * <ol>
 * <li><b>decode</b>: User-Name, the mobile node the session was for, when present. RFC 6733 §8.4.1
 *     makes it optional: without it, the node is the one whose registration is in that session
 *     ({@link HomeSessions#owner}; Auth-Session-State STATE_MAINTAINED in the HAR and the AMA, so both
 *     mobility agents send an STR when their session ends).</li>
 * <li><b>validate</b>: who sent it. RFC 4004 §4.1.3: "The AAAH SHOULD only deallocate all resources
 *     after the STR is received from the home agent", so that a handover's STR from the old foreign
 *     agent frees nothing.</li>
 * <li><b>act</b>: from the home agent the registration went to ({@link HomeSessions#homeAgentOf}; one of
 *     the realm's home agents), for the session of the NAI's current registration ({@link HomeSessions}),
 *     the registration ends and the NAI's pool address is released (its session
 *     keys were never stored here), unless a new registration of the NAI is pending, which keeps it;
 *     for an older session (a late STR after the node registered again), nothing. From anyone else (a
 *     foreign agent, through its AAAF) the AMR's session of an accepted registration ends
 *     ({@link SessionOwners#endSession}) and nothing is released.</li>
 * <li><b>answer</b>: STA 2001 with User-Name when the node is known; 5002 DIAMETER_UNKNOWN_SESSION_ID
 *     for a session that is not the node's current one at the home agent, or in which no registration
 *     was accepted (RFC 6733 §7.1.5: "an unknown Session-Id").</li>
 * </ol>
 */
public final class StrHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(StrHandler.class);

    private final Optional<HomeAddressPool> pool;
    private final HomeSessions sessions;
    private final VisitedRealms visited;
    private final SessionOwners owners;
    private final HomeRegistrationSettings homeAgents;

    /** @param homeAgents the realm's home agents: the configured one and {@code registration.home.agents} */
    public StrHandler(Optional<HomeAddressPool> pool, HomeSessions sessions, VisitedRealms visited, SessionOwners owners,
                      HomeRegistrationSettings homeAgents) {
        this.pool = pool;
        this.sessions = sessions;
        this.visited = visited;
        this.owners = owners;
        this.homeAgents = homeAgents;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        return terminate(request).now();
    }

    private Outcome terminate(Request request) {
        Optional<String> named;
        try {
            Optional<Avp> userName = Avps.find(request.getAvps(), AvpCodes.USER_NAME);
            named = userName.isPresent() ? Optional.of(Avps.utf8(userName.get())) : Optional.empty();
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        String origin = originHost(request);
        if (!homeAgents.isHomeAgent(origin)) {
            // a foreign agent's session (RFC 4004 §4.1.3): ended here, its address is the home agent's to free
            Optional<String> ended = owners.endSession(request.getSessionId());
            if (ended.isEmpty()) {
                log.info("STR {} from {}: no registration was accepted in this session", request.getSessionId(), origin);
                return Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "no registration in this session");
            }
            log.debug("STR {} for {} from {}: its session ends, nothing released", request.getSessionId(), ended.get(), origin);
            return Outcome.success(avps -> avps.add(AvpCodes.USER_NAME, ended.get()));
        }
        Optional<String> owner = named.or(() -> sessions.owner(request.getSessionId()));
        if (owner.isEmpty()) {
            log.info("STR {} from the home agent without User-Name: no registration here in this session", request.getSessionId());
            return Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "no registration in this session");
        }
        String nai = owner.get();
        String sessionsAgent = sessions.homeAgentOf(request.getSessionId()).orElse(homeAgents.homeAgentHost().orElse(""));
        if (!sessionsAgent.equalsIgnoreCase(origin)) {
            // the realm has several home agents: one ends only the registrations it holds
            log.info("STR {} for {} from {}: the registration is at {}, nothing released", request.getSessionId(), nai, origin,
                    sessionsAgent);
            return Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "no registration of " + nai + " at " + origin + " in this session");
        }
        HomeSessions.Ending ending = sessions.end(nai, request.getSessionId());
        owners.endSession(request.getSessionId()); // a co-located node's: its AMR's session too
        if (ending == HomeSessions.Ending.NOT_CURRENT) {
            log.info("STR {} for {}: not its current registration, nothing released", request.getSessionId(), nai);
            return Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "no current registration of " + nai + " in this session");
        }
        if (ending == HomeSessions.Ending.ENDED_IDLE) {
            Optional<java.net.Inet4Address> held = pool.flatMap(p -> p.addressOf(nai));
            pool.ifPresent(p -> p.release(nai));
            visited.left(nai);
            log.info("STR {} from the home agent: {} released {}", request.getSessionId(), nai,
                    held.map(a -> a.getHostAddress()).orElse("no pool address"));
        } else {
            log.info("STR {} from the home agent: {} registers again meanwhile, its address stays", request.getSessionId(), nai);
        }
        return Outcome.success(avps -> avps.add(AvpCodes.USER_NAME, nai));
    }

    private static String originHost(Request request) {
        try {
            return request.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity();
        } catch (Exception e) {
            return ""; // the dictionary check already refused a request without one
        }
    }
}
