package org.mipaaa.aaaf;

import java.time.Clock;
import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.state.StateStore;

/**
 * The AAAF's entry for each visiting mobile node (seed S104: "if it is a new registration request,
 * the AAAF server creates a new entry"): its NAI, the Session-Id of its registration and when it was
 * first seen here, created once its home realm accepted it (AMA 2001). Usage accounting of the visit
 * (seed S31) starts from it. Kept in the node's {@value #CACHE} cache.
 *
 * <p>Each accepted registration's Session-Id also names its NAI ({@value #SESSIONS_CACHE}): a foreign
 * agent accounts a visit in the session of its AMR (RFC 4004 §10), and its ACR need not carry
 * User-Name (RFC 6733 §9.7.1), which the AAAH's accounts are kept by.
 */
public final class VisitorEntries implements RealmProxy.ProxyListener {

    public static final String CACHE = "visitors";
    public static final String SESSIONS_CACHE = "visitor-sessions";

    private final Cache<String, String> visitors;
    private final Cache<String, String> sessions;
    private final Clock clock;

    public VisitorEntries(Cache<String, String> visitors, Cache<String, String> sessions, Clock clock) {
        this.visitors = visitors;
        this.sessions = sessions;
        this.clock = clock;
    }

    public static VisitorEntries in(StateStore store, Clock clock) {
        return new VisitorEntries(store.cache(CACHE), store.cache(SESSIONS_CACHE), clock);
    }

    @Override
    public void succeeded(int commandCode, String sessionId, String userName) {
        if (commandCode == CommandCodes.AA_MOBILE_NODE && userName != null) {
            sessions.put(sessionId, userName);
            // the first registration its home accepted creates the entry; later ones keep its start time
            visitors.putIfAbsent(userName, clock.instant() + " " + sessionId);
        }
    }

    /** The entry of a visiting mobile node: "first-seen-instant session-id", if it registered here. */
    public Optional<String> entry(String nai) {
        return Optional.ofNullable(visitors.get(nai));
    }

    /** The NAI whose registration the home realm accepted in {@code sessionId}, if one did. */
    public Optional<String> userOf(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }
}
