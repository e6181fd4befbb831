package org.mipaaa.registration;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's record of which HAR session is each mobile node's current registration. RFC 4004
 * §4.1.3: the AAAH frees a node's resources on the home agent's STR; a node that registered again
 * through the AAA meanwhile has a newer session, so an STR for an older one (late, retransmitted)
 * must free nothing. Single-key atomic operations only, as the address pool.
 */
public final class HomeSessions {

    private final Cache<String, String> sessions;

    private HomeSessions(Cache<String, String> sessions) {
        this.sessions = sessions;
    }

    public static HomeSessions in(StateStore store) {
        return new HomeSessions(store.cache(RegistrationCaches.HOME_SESSIONS));
    }

    /** {@code sessionId} is now the registration of {@code nai} (an HAA accepted it). */
    public void started(String nai, String sessionId) {
        sessions.put(nai, sessionId);
    }

    /** Ends {@code sessionId} if it is the current one of {@code nai}; false for any other. */
    public boolean end(String nai, String sessionId) {
        return sessions.remove(nai, sessionId);
    }
}
