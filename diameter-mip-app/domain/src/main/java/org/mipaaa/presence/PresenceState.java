package org.mipaaa.presence;

/**
 * Where a mobile node is, as the WWW page shows it (seed Fig. 20: "home", "visited network", "out of
 * zone"); busy / not busy is a flag beside it ({@link Presence#busy()}).
 */
public enum PresenceState {
    /** Registered at home: it deregistered with its home address as care-of address (RFC 5944 §2.4.3). */
    AT_HOME,
    /** Bound to a care-of address in a visited network (first registration or a renewal, seed S2003 NO). */
    VISITING,
    /** No renewal within the lifetime (seed S2002 YES, S2010), or its binding was aborted: not reachable. */
    OUT_OF_ZONE,
    /** It deregistered its care-of address (Lifetime 0) without coming home. */
    DEREGISTERED
}
