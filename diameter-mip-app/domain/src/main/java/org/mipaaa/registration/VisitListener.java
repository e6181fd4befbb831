package org.mipaaa.registration;

import java.net.Inet4Address;
import java.time.Duration;

/**
 * Told by the foreign agent when a mobile node's visit starts (first registration accepted), is
 * renewed, and ends (deregistration relayed here). Accounting starts and stops with it (seed S31).
 */
public interface VisitListener {

    void started(Visit visit);

    /** A renewal through this agent was accepted with {@code lifetime}. */
    void renewed(Inet4Address homeAddress, Duration lifetime);

    /** The node deregistered through this agent. */
    void ended(Inet4Address homeAddress);
}
