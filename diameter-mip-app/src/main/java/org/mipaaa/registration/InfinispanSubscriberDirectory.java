package org.mipaaa.registration;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * Subscribers in the Infinispan cache {@value RegistrationCaches#SUBSCRIBERS}: NAI -> encoded
 * {@link Subscriber}. The cache is memory-only; {@link SubscriberProvisioning} fills it at start.
 */
public final class InfinispanSubscriberDirectory implements SubscriberDirectory {

    private final Cache<String, String> cache;

    public InfinispanSubscriberDirectory(Cache<String, String> cache) {
        this.cache = cache;
    }

    /** The directory of a node's state store. */
    public static InfinispanSubscriberDirectory in(StateStore store) {
        return new InfinispanSubscriberDirectory(store.cache(RegistrationCaches.SUBSCRIBERS));
    }

    @Override
    public Optional<Subscriber> find(String nai) {
        String value = cache.get(nai);
        return value == null ? Optional.empty() : Optional.of(Subscriber.decode(value));
    }

    @Override
    public void put(Subscriber subscriber) {
        cache.put(subscriber.nai(), subscriber.encode());
    }

    @Override
    public boolean remove(String nai) {
        return cache.remove(nai) != null;
    }

    @Override
    public Set<String> nais() {
        return new HashSet<>(cache.keySet());
    }
}
