package org.mipaaa.registration;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A home agent's mobility binding list (RFC 5944 §3.8.1), one binding per home address: this home
 * agent does not keep simultaneous bindings (the 'S' bit, RFC 5944 §3.6.1.2; it accepts with code 1,
 * §3.8.2.2), so a new registration replaces the previous binding.
 *
 * <p>Changes are compare-and-set: a renewal replaces exactly the binding whose Identification it was
 * checked against, so of two concurrent renewals only one wins and the other is checked again
 * (RFC 5944 §5.7.1: an Identification must be greater than all previously accepted ones).
 */
public interface BindingTable {

    /** Adds {@code binding}; false if its home address already has one. */
    boolean create(MobilityBinding binding);

    /**
     * Replaces {@code expected} with {@code updated} (same home address) if the table still holds
     * exactly {@code expected}; false otherwise.
     */
    boolean replace(MobilityBinding expected, MobilityBinding updated);

    /** The binding of {@code homeAddress}, if any. */
    Optional<MobilityBinding> find(Inet4Address homeAddress);

    /** The binding made by the HAR of AAA session {@code aaaSessionId}, if any (an ASR names it so). */
    Optional<MobilityBinding> withSession(String aaaSessionId);

    /**
     * Removes {@code expected} (deregistration with Lifetime 0, RFC 5944 §3.8.2.2; expiry) if the table
     * still holds exactly it; false otherwise (then it was renewed or removed meanwhile).
     */
    boolean remove(MobilityBinding expected);

    /**
     * The bindings whose lifetime has passed at {@code now} ({@link MobilityBinding#isExpiredAt}),
     * soonest expired first. They stay in the table until removed: whoever expires them (releases
     * the address, reports "out of zone") removes each with {@link #remove}.
     */
    List<MobilityBinding> expired(Instant now);
}
