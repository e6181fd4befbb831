package org.mipaaa.registration;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * The home AAA server's pool of dynamic home addresses. RFC 4004 §3.1: "The AAAH MAY allocate a
 * home address for the mobile node", carried to the home agent in MIP-Mobile-Node-Address (§7.3);
 * the request asks for one with Home Address 0.0.0.0 and identifies the node by its NAI meanwhile
 * (RFC 2794 §2).
 *
 * <p>Promises: an address is held by at most one NAI and a NAI holds at most one address, also under
 * concurrent calls and across a crash at any point; a NAI keeps its address until it is released
 * (a re-registration gets the same one).
 */
public interface HomeAddressPool {

    /**
     * The address {@code nai} holds, allocating a free one if it holds none: idempotent for the same
     * NAI. Empty when the pool is exhausted (the AAAH then refuses the registration: Mobile IP code 130
     * "insufficient resources", RFC 5944 §3.4, {@code ReplyCode.HA_INSUFFICIENT_RESOURCES}).
     */
    Optional<Inet4Address> allocate(String nai);

    /** Gives up the address of {@code nai} (deregistration, expiry); nothing if it holds none. */
    void release(String nai);

    /** The address {@code nai} holds; empty if none. */
    Optional<Inet4Address> addressOf(String nai);
}
