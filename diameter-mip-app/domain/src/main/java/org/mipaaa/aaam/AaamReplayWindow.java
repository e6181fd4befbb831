package org.mipaaa.aaam;

import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.ReplayCounters;
import org.mipaaa.agent.auth.ReplayWindow;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's replay counters per AAAM security association and direction (docs/PROTOCOL.md §3), in the
 * persistent, fsynced cache {@value #CACHE}: the {@link ReplayWindow} of the counters accepted from the
 * mobile node, and the last one the AAAH used towards it. Each change is one compare-and-set, durable
 * before the request is served or the answer sent, so neither a restart nor a race between handler
 * threads reopens a counter.
 */
public final class AaamReplayWindow {

    /** "NAI SPI up" -> {@link ReplayWindow#encode}, "NAI SPI down" -> counter (decimal). */
    public static final String CACHE = "aaam-replay-counters";

    private final Cache<String, String> cache;

    public AaamReplayWindow(Cache<String, String> cache) {
        this.cache = cache;
    }

    public static AaamReplayWindow in(StateStore store) {
        return new AaamReplayWindow(store.cache(CACHE));
    }

    /**
     * Records {@code counter} of an authenticated request; false (nothing recorded) if it was accepted
     * before or lies below the {@link ReplayWindow} of the association: a replay.
     */
    public boolean acceptFromMobileNode(AaamSecurityAssociation association, long counter) {
        String key = key(association, "up");
        while (true) {
            String current = cache.get(key);
            Optional<ReplayWindow> next = (current == null ? ReplayWindow.empty() : ReplayWindow.decode(current)).accept(counter);
            if (next.isEmpty()) {
                return false;
            }
            boolean stored = current == null ? cache.putIfAbsent(key, next.get().encode()) == null
                    : cache.replace(key, current, next.get().encode());
            if (stored) {
                return true;
            }
        }
    }

    /**
     * The counter of the next answer to the mobile node: above the last one, and never below the clock
     * floor of {@link ReplayCounters#clockFloor()}, so a lost cache still counts upwards.
     */
    public long nextTowardsMobileNode(AaamSecurityAssociation association) {
        String key = key(association, "down");
        while (true) {
            String current = cache.get(key);
            long next = Math.max(current == null ? 1 : Long.parseLong(current) + 1, ReplayCounters.clockFloor());
            boolean stored = current == null ? cache.putIfAbsent(key, Long.toString(next)) == null
                    : cache.replace(key, current, Long.toString(next));
            if (stored) {
                return next;
            }
        }
    }

    private static String key(AaamSecurityAssociation association, String direction) {
        return association.nai() + " " + association.spi() + " " + direction;
    }
}
