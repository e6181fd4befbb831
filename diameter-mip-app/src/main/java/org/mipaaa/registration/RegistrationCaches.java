package org.mipaaa.registration;

/**
 * The Infinispan caches of registration state, as named in {@code config/infinispan.xml}. Keys and
 * values are {@code String}s this package encodes itself (records through {@code StoredValue}, the
 * pool's entries as "token value"), so no cache needs a serialization context.
 */
public final class RegistrationCaches {

    /** NAI -> subscriber (AAAH). Memory only: re-provisioned from the subscriber file at start. */
    public static final String SUBSCRIBERS = "subscribers";

    /**
     * Home address (dotted quad) -> "token NAI" (AAAH): who claims each address of the pool. The
     * authority on "this address is taken"; persistent.
     */
    public static final String HOME_ADDRESS_CLAIMS = "home-address-claims";

    /** NAI -> "token address" (AAAH): the address a mobile node holds or is claiming; persistent. */
    public static final String HOME_ADDRESS_HOLDERS = "home-address-holders";

    /**
     * NAI -> Session-Id of the HAR of the NAI's current registration (AAAH, {@link HomeSessions});
     * persistent.
     */
    public static final String HOME_SESSIONS = "home-sessions";

    /** Home address (dotted quad) -> encoded {@link MobilityBinding} (home agent); persistent. */
    public static final String MOBILITY_BINDINGS = "mobility-bindings";

    private RegistrationCaches() {
    }
}
