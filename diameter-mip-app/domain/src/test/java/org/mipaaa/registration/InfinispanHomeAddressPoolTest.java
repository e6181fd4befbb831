package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryVisited;
import org.infinispan.notifications.cachelistener.event.CacheEntryVisitedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.state.StateStore;

/** The home address pool on real embedded Infinispan, with its persistent file stores. */
class InfinispanHomeAddressPoolTest {

    private static final AddressRange SMALL = AddressRange.parse("10.1.0.10-10.1.0.12");

    @TempDir
    Path data;

    private StateStore store;

    @BeforeEach
    void open() {
        store = TestStores.open(data);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private InfinispanHomeAddressPool pool(AddressRange range) {
        return InfinispanHomeAddressPool.in(store, range);
    }

    private Cache<String, String> claims() {
        return store.cache(RegistrationCaches.HOME_ADDRESS_CLAIMS);
    }

    private Cache<String, String> holders() {
        return store.cache(RegistrationCaches.HOME_ADDRESS_HOLDERS);
    }

    private static String nai(int i) {
        return "mn" + i + "@home.example";
    }

    @Test
    void allocationIsIdempotentPerNaiAndDifferentNaisGetDifferentAddresses() {
        HomeAddressPool pool = pool(SMALL);

        Inet4Address a = pool.allocate("mn1@home.example").orElseThrow();
        Inet4Address again = pool.allocate("mn1@home.example").orElseThrow();
        Inet4Address b = pool.allocate("mn2@home.example").orElseThrow();

        assertThat(again).isEqualTo(a);
        assertThat(b).isNotEqualTo(a);
        assertThat(SMALL.contains(a)).isTrue();
        assertThat(SMALL.contains(b)).isTrue();
        assertThat(pool.addressOf("mn1@home.example")).contains(a);
        assertThat(pool.addressOf("mn2@home.example")).contains(b);
        assertThat(pool.addressOf("mn3@home.example")).isEmpty();
    }

    @Test
    void anExhaustedPoolRefusesNewcomersButStillAnswersItsHolders() {
        HomeAddressPool pool = pool(SMALL);
        Set<Inet4Address> given = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            given.add(pool.allocate(nai(i)).orElseThrow());
        }

        assertThat(given).hasSize(3);
        assertThat(pool.allocate(nai(3))).isEmpty();
        assertThat(pool.addressOf(nai(3))).isEmpty();
        assertThat(pool.allocate(nai(1))).isPresent();
        assertThat(holders().keySet()).containsExactlyInAnyOrder(nai(0), nai(1), nai(2));
    }

    @Test
    void aReleasedAddressGoesToTheNextComerAndTheReleasedNaiHoldsNothing() {
        HomeAddressPool pool = pool(SMALL);
        for (int i = 0; i < 3; i++) {
            pool.allocate(nai(i)).orElseThrow();
        }
        Inet4Address freed = pool.addressOf(nai(1)).orElseThrow();

        pool.release(nai(1));
        pool.release(nai(1)); // twice is harmless
        pool.release("never@home.example");

        assertThat(pool.addressOf(nai(1))).isEmpty();
        assertThat(pool.allocate(nai(7))).contains(freed);
        assertThat(pool.allocate(nai(1))).isEmpty(); // the pool is full again
    }

    /**
     * 8 threads x 200 allocations over 1200 NAIs (400 of them asked by two threads at once) against 1000
     * addresses: the pool ends exactly full, no address is given to two NAIs, every NAI got the same
     * answer each time, and no half-made entry is left.
     */
    @Test
    void twoNaisNeverShareAnAddressUnderConcurrentAllocation() throws Exception {
        AddressRange range = AddressRange.parse("10.1.0.0-10.1.3.231"); // 1000 addresses
        InfinispanHomeAddressPool pool = pool(range);
        int threads = 8;
        int perThread = 200;
        Map<String, Set<Inet4Address>> answers = new ConcurrentHashMap<>();
        Map<String, Integer> refusals = new ConcurrentHashMap<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * 150;
            done.add(executor.submit(() -> {
                start.await();
                for (int k = 0; k < perThread; k++) {
                    String nai = nai((first + k) % 1200);
                    Optional<Inet4Address> a = pool.allocate(nai);
                    if (a.isPresent()) {
                        answers.computeIfAbsent(nai, n -> ConcurrentHashMap.newKeySet()).add(a.get());
                    } else {
                        refusals.merge(nai, 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        executor.shutdown();

        // each NAI always got one and the same address
        assertThat(answers.values()).allSatisfy(set -> assertThat(set).hasSize(1));
        // no address went to two NAIs
        Map<Inet4Address, String> byAddress = new HashMap<>();
        answers.forEach((nai, set) -> {
            String other = byAddress.put(set.iterator().next(), nai);
            assertThat(other).as("address of %s also given to %s", nai, other).isNull();
        });
        assertThat(byAddress).hasSize(1000);
        assertThat(byAddress.keySet()).allSatisfy(a -> assertThat(range.contains(a)).isTrue());
        // every NAI was asked (and each of the 200 left out was refused at least once)
        Set<String> asked = new HashSet<>(answers.keySet());
        asked.addAll(refusals.keySet());
        assertThat(asked).hasSize(1200);
        // the stored state is exactly the answers: one claim per holder, nothing half-made
        answers.forEach((nai, set) -> assertThat(pool.addressOf(nai)).contains(set.iterator().next()));
        assertThat(claims().size()).isEqualTo(1000);
        assertThat(pool.reclaimOrphans()).isZero();
    }

    /**
     * Allocations and releases of the same NAIs race each other; at the end the stored state is
     * consistent: every claim belongs to a holder, the holders' addresses are distinct.
     */
    @Test
    void concurrentAllocationsAndReleasesLeaveNoLeakAndNoSharedAddress() throws Exception {
        AddressRange range = AddressRange.parse("10.1.0.1-10.1.0.40");
        InfinispanHomeAddressPool pool = pool(range);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(executor.submit(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int k = 0; k < 200; k++) {
                    String nai = nai(random.nextInt(60));
                    if (random.nextInt(3) == 0) {
                        pool.release(nai);
                    } else {
                        pool.allocate(nai);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        executor.shutdown();

        assertThat(pool.reclaimOrphans()).isZero();
        Map<Inet4Address, String> byAddress = new HashMap<>();
        int holding = 0;
        for (int i = 0; i < 60; i++) {
            Optional<Inet4Address> a = pool.addressOf(nai(i));
            if (a.isPresent()) {
                holding++;
                assertThat(byAddress.put(a.get(), nai(i))).isNull();
            }
        }
        assertThat(claims().size()).isEqualTo(holding);
        // what is free can be had: fill the pool up with newcomers
        int free = 40 - holding;
        for (int i = 0; i < free; i++) {
            assertThat(pool.allocate("late" + i + "@home.example")).isPresent();
        }
        assertThat(pool.allocate("one-too-many@home.example")).isEmpty();
    }

    @Test
    void assignmentsSurviveARestartOfTheNode() {
        HomeAddressPool pool = pool(SMALL);
        Inet4Address a = pool.allocate("mn1@home.example").orElseThrow();
        Inet4Address b = pool.allocate("mn2@home.example").orElseThrow();
        store.close();
        // the file stores live under the node's state directory (global persistent location)
        assertThat(data.resolve(RegistrationCaches.HOME_ADDRESS_CLAIMS)).isDirectory();
        assertThat(data.resolve(RegistrationCaches.HOME_ADDRESS_HOLDERS)).isDirectory();

        store = TestStores.open(data);
        HomeAddressPool reopened = pool(SMALL);

        assertThat(reopened.addressOf("mn1@home.example")).contains(a);
        assertThat(reopened.allocate("mn2@home.example")).contains(b);
        Inet4Address c = reopened.allocate("mn3@home.example").orElseThrow();
        assertThat(c).isNotIn(a, b);
        assertThat(reopened.allocate("mn4@home.example")).isEmpty();
    }

    /**
     * A release that crashed between its two removals leaves a claim whose NAI no longer holds it:
     * the NAI holds nothing, and the address is reclaimed by the next allocation that needs it.
     */
    @Test
    void anOrphanClaimLeftByACrashedReleaseIsReclaimedNotLeaked() {
        InfinispanHomeAddressPool pool = pool(AddressRange.parse("10.1.0.10"));
        claims().put("10.1.0.10", "t-crashed mn1@home.example"); // its holder entry is already gone

        assertThat(pool.addressOf("mn1@home.example")).isEmpty();
        assertThat(pool.allocate("mn2@home.example")).contains(Ipv4.parse("10.1.0.10"));
        assertThat(pool.addressOf("mn2@home.example")).contains(Ipv4.parse("10.1.0.10"));
        assertThat(pool.allocate("mn1@home.example")).isEmpty();
    }

    @Test
    void orphanClaimsAreReclaimedAtStartAndAMatchingClaimIsNot() {
        HomeAddressPool pool = pool(SMALL);
        Inet4Address held = pool.allocate("mn1@home.example").orElseThrow();
        List<String> others = new ArrayList<>();
        for (long i = 0; i < SMALL.size(); i++) {
            if (!SMALL.get(i).equals(held)) {
                others.add(Ipv4.format(SMALL.get(i)));
            }
        }
        claims().put(others.get(0), "t-old mn1@home.example"); // an earlier holding of the same NAI, half released
        claims().put(others.get(1), "t-gone mn9@home.example"); // a NAI that holds nothing any more
        store.close();

        store = TestStores.open(data);
        InfinispanHomeAddressPool reopened = pool(SMALL);

        assertThat(reopened.reclaimOrphans()).isEqualTo(2);
        assertThat(claims().keySet()).containsExactly(Ipv4.format(held));
        assertThat(reopened.addressOf("mn1@home.example")).contains(held);
    }

    /**
     * An allocation that crashed between its intent and its claim: the address is not taken, the NAI
     * holds nothing yet, and its next allocation resumes the same address.
     */
    @Test
    void anIntentLeftByACrashedAllocationIsResumedByTheSameNai() {
        InfinispanHomeAddressPool pool = pool(SMALL);
        holders().put("mn1@home.example", "t-intent 10.1.0.11");

        assertThat(pool.addressOf("mn1@home.example")).isEmpty();
        assertThat(pool.allocate("mn1@home.example")).contains(Ipv4.parse("10.1.0.11"));
        assertThat(pool.addressOf("mn1@home.example")).contains(Ipv4.parse("10.1.0.11"));
        assertThat(claims().get("10.1.0.11")).isEqualTo("t-intent mn1@home.example");
    }

    @Test
    void anIntentWhoseAddressWentToAnotherNaiIsDroppedForAFreeAddress() {
        InfinispanHomeAddressPool pool = pool(SMALL);
        holders().put("mn1@home.example", "t-intent 10.1.0.10");
        holders().put("mn2@home.example", "t-two 10.1.0.10");
        claims().put("10.1.0.10", "t-two mn2@home.example"); // mn2 really holds it

        assertThat(pool.addressOf("mn1@home.example")).isEmpty();
        Inet4Address a = pool.allocate("mn1@home.example").orElseThrow();

        assertThat(a).isNotEqualTo(Ipv4.parse("10.1.0.10"));
        assertThat(pool.addressOf("mn2@home.example")).contains(Ipv4.parse("10.1.0.10"));
    }

    @Test
    void aHoldingOutsideAReconfiguredRangeIsGivenUpForOneInside() {
        Inet4Address old = pool(AddressRange.parse("10.9.0.1")).allocate("mn1@home.example").orElseThrow();

        Inet4Address now = pool(SMALL).allocate("mn1@home.example").orElseThrow();

        assertThat(old).isEqualTo(Ipv4.parse("10.9.0.1"));
        assertThat(SMALL.contains(now)).isTrue();
        assertThat(claims().containsKey("10.9.0.1")).isFalse();
    }

    /**
     * A release that overtakes an allocation of the same NAI between the allocation's read of the
     * holder entry and its claim: the allocation must not return the address it read (the release
     * freed it for others), but one the NAI really holds.
     */
    @Test
    void anAllocationOvertakenByAReleaseReturnsOnlyAnAddressItHolds() throws Exception {
        InfinispanHomeAddressPool pool = pool(SMALL);
        pool.allocate("mn1@home.example").orElseThrow();
        ExecutorService other = Executors.newSingleThreadExecutor();
        ReleaseOnFirstRead race = new ReleaseOnFirstRead(() -> other.submit(() -> pool.release("mn1@home.example")).get());
        holders().addListener(race);
        try {
            Inet4Address after = pool.allocate("mn1@home.example").orElseThrow();

            assertThat(race.fired).isTrue();
            assertThat(pool.addressOf("mn1@home.example")).contains(after);
            assertThat(claims().keySet()).containsExactly(Ipv4.format(after)); // nothing left claimed for "before"
            assertThat(pool.reclaimOrphans()).isZero();
        } finally {
            holders().removeListener(race);
            other.shutdown();
        }
    }

    /** Runs an action, once, right after the first read of a holder entry (on the reading thread). */
    @Listener(sync = true)
    public static final class ReleaseOnFirstRead {

        interface Action {
            void run() throws Exception;
        }

        private final Action action;
        volatile boolean fired;

        ReleaseOnFirstRead(Action action) {
            this.action = action;
        }

        @CacheEntryVisited
        public void visited(CacheEntryVisitedEvent<String, String> event) throws Exception {
            if (!event.isPre() && event.getValue() != null && !fired) {
                fired = true;
                action.run();
            }
        }
    }
}
