package org.mipaaa.registration;

import java.util.Optional;
import java.util.Set;

/**
 * The home AAA server's subscribers by NAI (RFC 4004 §3.1: the AAAH authenticates the MN against
 * them). {@link SubscriberProvisioning} fills it from a file.
 */
public interface SubscriberDirectory {

    /** The subscriber of {@code nai}; empty for an unknown user. */
    Optional<Subscriber> find(String nai);

    /** The subscriber whose {@link Subscriber#aaamSpi()} is {@code spi}; empty if none. */
    Optional<Subscriber> findByAaamSpi(long spi);

    /** Adds or replaces the subscriber of its NAI. */
    void put(Subscriber subscriber);

    /** Removes the subscriber of {@code nai}; false if there was none. */
    boolean remove(String nai);

    /** The NAIs of all subscribers (a copy). */
    Set<String> nais();
}
