package org.mipaaa.aaaf;

import java.time.Clock;
import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.dictionary.CommandCodes;

/**
 * The AAAF's entry for each visiting mobile node (seed S104: "if it is a new registration request,
 * the AAAF server creates a new entry"): its NAI, the Session-Id of its registration and when it was
 * first seen here, created once its home realm accepted it (AMA 2001). Usage accounting of the visit (seed S31) starts from it. Kept in the node's
 * {@value #CACHE} cache.
 */
public final class VisitorEntries implements RealmProxy.ProxyListener {

    public static final String CACHE = "visitors";

    private final Cache<String, String> visitors;
    private final Clock clock;

    public VisitorEntries(Cache<String, String> visitors, Clock clock) {
        this.visitors = visitors;
        this.clock = clock;
    }

    @Override
    public void succeeded(int commandCode, String sessionId, String userName) {
        if (commandCode == CommandCodes.AA_MOBILE_NODE && userName != null) {
            // the first registration its home accepted creates the entry; later ones keep its start time
            visitors.putIfAbsent(userName, clock.instant() + " " + sessionId);
        }
    }

    /** The entry of a visiting mobile node: "first-seen-instant session-id", if it registered here. */
    public Optional<String> entry(String nai) {
        return Optional.ofNullable(visitors.get(nai));
    }
}
