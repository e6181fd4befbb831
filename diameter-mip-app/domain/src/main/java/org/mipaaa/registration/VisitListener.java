package org.mipaaa.registration;

import java.net.Inet4Address;
import java.time.Duration;

/**
 * Told by the foreign agent when a mobile node's visit starts (first registration accepted), is
 * renewed, and ends. Accounting starts and stops with it (seed S31); so does the visit's AAA session.
 */
public interface VisitListener {

    /** Why a visit ended. */
    enum End {
        /** The node deregistered through this agent (Lifetime 0 accepted by its home agent). */
        DEREGISTERED,
        /** Its lifetime passed without a renewal. */
        EXPIRED,
        /** The node registered again through the AAA here: a new visit, in a new AAA session, replaces it. */
        SUPERSEDED,
        /** The foreign agent stops. */
        SHUTDOWN
    }

    void started(Visit visit);

    /** A renewal through this agent was accepted with {@code lifetime}. */
    default void renewed(Inet4Address homeAddress, Duration lifetime) {
    }

    void ended(Visit visit, End why);

    /**
     * The home accepted {@code visit} but this agent would not serve it (a rule it cannot apply): it
     * never started, and its AAA session ends (RFC 6733 §8.4: an STR also for a session "authorized but
     * never actually started").
     */
    default void refused(Visit visit) {
    }
}
