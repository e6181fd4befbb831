package org.mipaaa.registration;

import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's index of whose each session of an accepted registration is, for the requests that come
 * later in it without naming the node or from someone who did not start it:
 * <ul>
 * <li>the Acct-Multi-Session-Id the home agent gave the binding in its HAA (RFC 4004 §4.1.2): an ACR
 *     need not carry User-Name (RFC 6733 §9.7.1), but RFC 4004 §11.2 requires this id in it, so another
 *     vendor's AAAF that leaves User-Name out is still charged to the right account;</li>
 * <li>the Session-Id of the AMR, the foreign agent's session (or a co-located node's home agent's):
 *     the mobility agent ends it with an STR (RFC 4004 §4.1.3), and an STR of a session this AAAH never
 *     authorised is 5002 (RFC 6733 §7.1.5), not a success.</li>
 * </ul>
 * Written only when the AAAH accepts a registration, from what its own home agent answered, so no peer
 * can make an id name another user. Entries outlive the binding (a STOP record comes after it ends;
 * an AAAF's outbox may deliver days later): persistent, expiring as {@code config/infinispan.xml} says
 * after the last registration that named them; a foreign agent's session is forgotten at its STR.
 */
public final class SessionOwners {

    private final Cache<String, String> multiSessions;
    private final Cache<String, String> foreignSessions;

    private SessionOwners(Cache<String, String> multiSessions, Cache<String, String> foreignSessions) {
        this.multiSessions = multiSessions;
        this.foreignSessions = foreignSessions;
    }

    public static SessionOwners in(StateStore store) {
        return new SessionOwners(store.cache(RegistrationCaches.ACCOUNTING_OWNERS), store.cache(RegistrationCaches.FOREIGN_SESSIONS));
    }

    /**
     * A registration of {@code nai} was accepted: in the AMR's {@code session}, under the home agent's
     * {@code acctMultiSessionId} if its HAA gave one.
     */
    public void accepted(String nai, String session, Optional<String> acctMultiSessionId) {
        foreignSessions.put(session, nai);
        acctMultiSessionId.ifPresent(id -> multiSessions.put(id, nai));
    }

    /** Whose accounting {@code acctMultiSessionId} is, if a registration accepted here named it. */
    public Optional<String> ownerOfMultiSession(String acctMultiSessionId) {
        return Optional.ofNullable(multiSessions.get(acctMultiSessionId));
    }

    /** The mobility agent ended {@code session}: whose it was, if a registration accepted here was in it. */
    public Optional<String> endSession(String session) {
        return Optional.ofNullable(foreignSessions.remove(session));
    }
}
