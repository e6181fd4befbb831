package org.mipaaa.registration;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.state.StateStore;

/**
 * A {@link BindingTable} in the Infinispan cache {@value RegistrationCaches#MOBILITY_BINDINGS}: home
 * address (dotted quad) -> encoded {@link MobilityBinding}, persistent (a restarted home agent keeps
 * serving its mobile nodes' renewals).
 *
 * <p>Compare-and-set reads the stored value and swaps it with {@code replace(k, stored, new)} /
 * {@code remove(k, stored)} if it decodes to the expected binding: atomic per key in every cache mode,
 * with no lock and no function shipped to other nodes. The cache has no Infinispan expiration: a
 * binding silently dropped would leave its home address held and the expiry unobserved.
 */
public final class InfinispanBindingTable implements BindingTable {

    private final Cache<String, String> cache;

    public InfinispanBindingTable(Cache<String, String> cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The binding table of a node's state store. */
    public static InfinispanBindingTable in(StateStore store) {
        return new InfinispanBindingTable(store.cache(RegistrationCaches.MOBILITY_BINDINGS));
    }

    @Override
    public boolean create(MobilityBinding binding) {
        return cache.putIfAbsent(key(binding.homeAddress()), binding.encode()) == null;
    }

    @Override
    public boolean replace(MobilityBinding expected, MobilityBinding updated) {
        if (!expected.homeAddress().equals(updated.homeAddress())) {
            throw new IllegalArgumentException("a binding keeps its home address: " + key(expected.homeAddress()) + " -> "
                    + key(updated.homeAddress()));
        }
        String key = key(expected.homeAddress());
        String stored = cache.get(key);
        return stored != null && MobilityBinding.decode(stored).equals(expected) && cache.replace(key, stored, updated.encode());
    }

    @Override
    public Optional<MobilityBinding> find(Inet4Address homeAddress) {
        String stored = cache.get(key(homeAddress));
        return stored == null ? Optional.empty() : Optional.of(MobilityBinding.decode(stored));
    }

    /** A pass over all bindings, as {@link #expired}: an ASR is rare (the AAAH gave up on an HAA). */
    @Override
    public Optional<MobilityBinding> withSession(String aaaSessionId) {
        for (String stored : cache.values()) {
            MobilityBinding b = MobilityBinding.decode(stored);
            if (aaaSessionId.equals(b.aaaSessionId())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean remove(MobilityBinding expected) {
        String key = key(expected.homeAddress());
        String stored = cache.get(key);
        return stored != null && MobilityBinding.decode(stored).equals(expected) && cache.remove(key, stored);
    }

    /**
     * A pass over all bindings (the cache's iterator, which in a distributed cache pulls the entries
     * to the caller rather than shipping a lambda): fine for the sizes of a home agent; an index by
     * expiry time is for later.
     */
    @Override
    public List<MobilityBinding> expired(Instant now) {
        List<MobilityBinding> expired = new ArrayList<>();
        for (String stored : cache.values()) {
            MobilityBinding b = MobilityBinding.decode(stored);
            if (b.isExpiredAt(now)) {
                expired.add(b);
            }
        }
        expired.sort(Comparator.comparing(MobilityBinding::expiresAt));
        return expired;
    }

    private static String key(Inet4Address address) {
        return Ipv4.format(address);
    }
}
