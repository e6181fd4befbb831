package org.mipaaa.registration;

import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
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

    /** How old the expiry index may get before it is rebuilt from the bindings (what a lost index update costs at most). */
    static final Duration INDEX_REBUILD = Duration.ofHours(1);
    /** Up to this many seconds the sweep looks each one up; beyond, it lists the index's seconds instead. */
    private static final long SPAN_WALKED = 600;
    private static final String BUILT = "built";
    private static final String CURSOR = "cursor";
    /** Each failed compare-and-set means another caller changed the key; this many means something is wrong. */
    private static final int MAX_ROUNDS = 10_000;

    private final Cache<String, String> cache;
    /**
     * The expiry index, memory only ({@value RegistrationCaches#BINDING_EXPIRY}): "s:&lt;epoch second&gt;" -> the
     * home addresses whose binding expires in that second; "cursor" -> the first second that may still
     * hold one; "built" -> when it was last built from the bindings. An entry may be stale (the binding
     * was renewed or removed): {@link #expired} checks each against the binding itself. Beside it, for an
     * ASR: "session:&lt;AAA Session-Id&gt;" -> the home address of that session's binding, checked the same way.
     */
    private final Cache<String, String> index;
    private final Clock clock;

    public InfinispanBindingTable(Cache<String, String> cache, Cache<String, String> index, Clock clock) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.index = Objects.requireNonNull(index, "index");
        this.clock = clock;
    }

    /** The binding table of a node's state store. */
    public static InfinispanBindingTable in(StateStore store) {
        return new InfinispanBindingTable(store.cache(RegistrationCaches.MOBILITY_BINDINGS), store.cache(RegistrationCaches.BINDING_EXPIRY),
                Clock.systemUTC());
    }

    @Override
    public boolean create(MobilityBinding binding) {
        // indexed first: an index entry without its binding is harmless, a binding without one would never expire
        indexAdd(binding);
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
        if (stored == null || !MobilityBinding.decode(stored).equals(expected)) {
            return false;
        }
        indexAdd(updated);
        if (!cache.replace(key, stored, updated.encode())) {
            return false;
        }
        if (second(expected) != second(updated)) {
            indexRemove(second(expected), key);
        }
        if (!expected.aaaSessionId().equals(updated.aaaSessionId())) {
            index.remove(sessionKey(expected.aaaSessionId()), key);
        }
        return true;
    }

    @Override
    public Optional<MobilityBinding> find(Inet4Address homeAddress) {
        String stored = cache.get(key(homeAddress));
        return stored == null ? Optional.empty() : Optional.of(MobilityBinding.decode(stored));
    }

    /** One look-up in the index (built like the expiry index), not a pass over every binding. */
    @Override
    public Optional<MobilityBinding> withSession(String aaaSessionId) {
        ensureIndex();
        String address = index.get(sessionKey(aaaSessionId));
        String stored = address == null ? null : cache.get(address);
        if (stored == null) {
            return Optional.empty();
        }
        MobilityBinding b = MobilityBinding.decode(stored);
        return aaaSessionId.equals(b.aaaSessionId()) ? Optional.of(b) : Optional.empty();
    }

    @Override
    public boolean remove(MobilityBinding expected) {
        String key = key(expected.homeAddress());
        String stored = cache.get(key);
        if (stored == null || !MobilityBinding.decode(stored).equals(expected) || !cache.remove(key, stored)) {
            return false;
        }
        indexRemove(second(expected), key);
        index.remove(sessionKey(expected.aaaSessionId()), key);
        return true;
    }

    /**
     * The seconds from the index's cursor to {@code now}, each a look-up: a sweep every second reads one
     * or two index entries and the bindings that expire, not every binding. The index is built from all
     * bindings on first use in a process (it is memory only) and again every {@link #INDEX_REBUILD}.
     */
    @Override
    public List<MobilityBinding> expired(Instant now) {
        ensureIndex();
        long from = Long.parseLong(index.get(CURSOR));
        long to = now.getEpochSecond();
        List<MobilityBinding> expired = new ArrayList<>();
        long cursor = to;
        boolean emptySoFar = true;
        for (long second : secondsToLookAt(from, to)) {
            String bucket = index.get(bucketKey(second));
            boolean holds = false;
            for (String address : bucket == null ? new String[0] : bucket.split(" ")) {
                String stored = cache.get(address);
                MobilityBinding b = stored == null ? null : MobilityBinding.decode(stored);
                if (b != null && second(b) == second) {
                    holds = true;
                    if (b.isExpiredAt(now)) {
                        expired.add(b);
                    }
                } else {
                    indexRemove(second, address); // renewed or removed meanwhile
                }
            }
            if (holds && emptySoFar) {
                cursor = second; // the first second that still holds a binding: the next sweep starts there
                emptySoFar = false;
            }
        }
        advanceCursor(from, cursor);
        expired.sort(Comparator.comparing(MobilityBinding::expiresAt));
        return expired;
    }

    /**
     * Every second from {@code from} to {@code to} when they are few (the sweep's case); else the seconds
     * the index holds in that span (after a long pause, or a look far ahead), without walking the span.
     */
    private List<Long> secondsToLookAt(long from, long to) {
        if (to < from) {
            return List.of();
        }
        if (to - from <= SPAN_WALKED) {
            return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
        }
        return index.keySet().stream().filter(k -> k.startsWith("s:")).map(k -> Long.parseLong(k.substring(2)))
                .filter(second -> second >= from && second <= to).sorted().toList();
    }

    /** Builds the index from every binding when this process has none, or it is older than {@link #INDEX_REBUILD}. */
    private void ensureIndex() {
        String built = index.get(BUILT);
        Instant now = clock.instant();
        if (built != null && Instant.parse(built).plus(INDEX_REBUILD).isAfter(now) && index.get(CURSOR) != null) {
            return;
        }
        long first = now.getEpochSecond();
        for (String stored : cache.values()) {
            MobilityBinding b = MobilityBinding.decode(stored);
            indexAdd(b);
            first = Math.min(first, second(b));
        }
        String cursor = index.get(CURSOR);
        if (cursor == null || Long.parseLong(cursor) > first) {
            index.put(CURSOR, Long.toString(first));
        }
        index.put(BUILT, now.toString());
    }

    /** A binding that expires before the cursor (a clock set back, a lifetime already past) moves it back. */
    private void lowerCursorTo(long second) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String cursor = index.get(CURSOR);
            if (cursor == null || Long.parseLong(cursor) <= second || index.replace(CURSOR, cursor, Long.toString(second))) {
                return;
            }
        }
    }

    private void advanceCursor(long from, long to) {
        if (to > from) {
            index.replace(CURSOR, Long.toString(from), Long.toString(to)); // another sweep may have moved it: fine
        }
    }

    private void indexAdd(MobilityBinding binding) {
        String bucketKey = bucketKey(second(binding));
        String address = key(binding.homeAddress());
        index.put(sessionKey(binding.aaaSessionId()), address);
        lowerCursorTo(second(binding));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String bucket = index.get(bucketKey);
            if (bucket == null) {
                if (index.putIfAbsent(bucketKey, address) == null) {
                    return;
                }
            } else if (java.util.Arrays.asList(bucket.split(" ")).contains(address)
                    || index.replace(bucketKey, bucket, bucket + " " + address)) {
                return;
            }
        }
        throw new IllegalStateException("expiry index: no update of " + bucketKey + " after " + MAX_ROUNDS + " rounds");
    }

    private void indexRemove(long second, String address) {
        String bucketKey = bucketKey(second);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String bucket = index.get(bucketKey);
            if (bucket == null) {
                return;
            }
            List<String> rest = new ArrayList<>(java.util.Arrays.asList(bucket.split(" ")));
            if (!rest.remove(address)) {
                return;
            }
            boolean done = rest.isEmpty() ? index.remove(bucketKey, bucket) : index.replace(bucketKey, bucket, String.join(" ", rest));
            if (done) {
                return;
            }
        }
        throw new IllegalStateException("expiry index: no update of " + bucketKey + " after " + MAX_ROUNDS + " rounds");
    }

    private static String sessionKey(String aaaSessionId) {
        return "session:" + aaaSessionId;
    }

    private static long second(MobilityBinding binding) {
        return binding.expiresAt().getEpochSecond();
    }

    private static String bucketKey(long second) {
        return "s:" + second;
    }

    private static String key(Inet4Address address) {
        return Ipv4.format(address);
    }
}
