package org.mipaaa.registration;

/**
 * The Infinispan caches of registration state, as named in {@code config/infinispan.xml}. Keys and
 * values are {@code String}s this package encodes itself (records through {@code StoredValue}, the
 * pool's entries as "token value"), so no cache needs a serialization context.
 */
public final class RegistrationCaches {

    /** NAI -> subscriber (AAAH). Memory only: re-provisioned from the subscriber file at start. */
    public static final String SUBSCRIBERS = "subscribers";

    /** AAAM-SPI (decimal) -> NAI (AAAH): the index of the subscribers' AAAM associations. Memory only, like them. */
    public static final String SUBSCRIBER_AAAM_SPIS = "subscriber-aaam-spis";

    /**
     * Home address (dotted quad) -> "token NAI" (AAAH): who claims each address of the pool. The
     * authority on "this address is taken"; persistent.
     */
    public static final String HOME_ADDRESS_CLAIMS = "home-address-claims";

    /** NAI -> "token address" (AAAH): the address a mobile node holds or is claiming; persistent. */
    public static final String HOME_ADDRESS_HOLDERS = "home-address-holders";

    /**
     * NAI -> encoded registrations of the NAI: the HAR Session-Id of the current one and of the pending
     * ones (AAAH, {@link HomeSessions}); persistent.
     */
    public static final String HOME_SESSIONS = "home-sessions";

    /**
     * HAR Session-Id -> NAI of the registrations {@link HomeSessions} holds (AAAH): who an STR without
     * User-Name is for (RFC 6733 §8.4.1: User-Name is optional); persistent.
     */
    public static final String HOME_SESSION_OWNERS = "home-session-owners";

    /**
     * HAR Session-Id -> the home agent it went to, of the registrations {@link HomeSessions} holds (AAAH):
     * which home agent may end the session, and where a new registration may continue it; persistent.
     */
    public static final String HOME_SESSION_AGENTS = "home-session-agents";

    /**
     * Acct-Multi-Session-Id of an accepted registration -> NAI (AAAH, {@link SessionOwners}): whose an
     * ACR without User-Name is (RFC 6733 §9.7.1); persistent, expiring.
     */
    public static final String ACCOUNTING_OWNERS = "accounting-owners";

    /**
     * Session-Id of the AMR of an accepted registration -> NAI (AAAH, {@link SessionOwners}): the
     * sessions the mobility agents end with an STR; persistent, expiring.
     */
    public static final String FOREIGN_SESSIONS = "foreign-sessions";

    /** NAI -> the realm of the foreign network it visits (AAAH, {@link VisitedRealms}); memory only. */
    public static final String VISITED_REALMS = "visited-realms";

    /** Home address (dotted quad) -> encoded {@link MobilityBinding} (home agent); persistent. */
    public static final String MOBILITY_BINDINGS = "mobility-bindings";

    /**
     * The home agent's index of bindings by the second they expire ({@link InfinispanBindingTable}); memory
     * only, built from {@link #MOBILITY_BINDINGS} when a process first needs it.
     */
    public static final String BINDING_EXPIRY = "mobility-binding-expiry";

    /** Session-Id -> encoded STR the home agent has yet to get an answer for ({@link PendingTerminations}); persistent. */
    public static final String PENDING_TERMINATIONS = "pending-terminations";

    /** Session-Id -> "" of HAR sessions the AAAH aborted (home agent, {@link AbortedSessions}); memory, expiring. */
    public static final String ABORTED_SESSIONS = "aborted-sessions";

    private RegistrationCaches() {
    }
}
