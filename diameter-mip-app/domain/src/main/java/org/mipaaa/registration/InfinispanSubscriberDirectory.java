package org.mipaaa.registration;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * Subscribers in the Infinispan cache {@value RegistrationCaches#SUBSCRIBERS}: NAI -> encoded
 * {@link Subscriber}, with the index {@value RegistrationCaches#SUBSCRIBER_AAAM_SPIS} (AAAM-SPI -> NAI).
 * Both are memory-only; {@link SubscriberProvisioning} fills them at start.
 */
public final class InfinispanSubscriberDirectory implements SubscriberDirectory {

    private final Cache<String, String> cache;
    private final Cache<String, String> aaamSpis;

    public InfinispanSubscriberDirectory(Cache<String, String> cache, Cache<String, String> aaamSpis) {
        this.cache = cache;
        this.aaamSpis = aaamSpis;
    }

    /** The directory of a node's state store. */
    public static InfinispanSubscriberDirectory in(StateStore store) {
        return new InfinispanSubscriberDirectory(store.cache(RegistrationCaches.SUBSCRIBERS),
                store.cache(RegistrationCaches.SUBSCRIBER_AAAM_SPIS));
    }

    @Override
    public Optional<Subscriber> findByAaamSpi(long spi) {
        String nai = aaamSpis.get(Long.toString(spi));
        // the subscriber is the truth: an index entry left by a change of SPI finds nothing
        return nai == null ? Optional.empty()
                : find(nai).filter(s -> s.aaamSpi().isPresent() && s.aaamSpi().getAsLong() == spi);
    }

    @Override
    public Optional<Subscriber> find(String nai) {
        String value = cache.get(nai);
        return value == null ? Optional.empty() : Optional.of(Subscriber.decode(value));
    }

    @Override
    public void put(Subscriber subscriber) {
        String previous = cache.put(subscriber.nai(), subscriber.encode());
        if (previous != null) {
            unindex(Subscriber.decode(previous));
        }
        subscriber.aaamSpi().ifPresent(spi -> aaamSpis.put(Long.toString(spi), subscriber.nai()));
    }

    @Override
    public boolean remove(String nai) {
        String previous = cache.remove(nai);
        if (previous != null) {
            unindex(Subscriber.decode(previous));
        }
        return previous != null;
    }

    private void unindex(Subscriber old) {
        old.aaamSpi().ifPresent(spi -> aaamSpis.remove(Long.toString(spi), old.nai()));
    }

    @Override
    public Set<String> nais() {
        return new HashSet<>(cache.keySet());
    }
}
