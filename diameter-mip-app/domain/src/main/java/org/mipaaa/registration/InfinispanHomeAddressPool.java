package org.mipaaa.registration;

import java.net.Inet4Address;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.infinispan.Cache;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HomeAddressPool} over a configured {@link AddressRange}, in two Infinispan caches, with
 * nothing but their single-key atomic operations ({@code putIfAbsent}, {@code remove(k, v)}): no
 * transactions and no lock, so the same code runs on a local cache and on a distributed one.
 *
 * <h2>The two caches</h2>
 * <ul>
 * <li>{@value RegistrationCaches#HOME_ADDRESS_HOLDERS}: NAI -> "token address", the address a NAI holds
 *     or is about to claim;</li>
 * <li>{@value RegistrationCaches#HOME_ADDRESS_CLAIMS}: address -> "token NAI", who claims an address.
 *     One key per address, so {@code putIfAbsent} on it is what makes two NAIs never share one.</li>
 * </ul>
 * The token is fresh (a random UUID) for every attempt of a NAI to hold an address. <b>A NAI holds an
 * address only when both entries exist and carry the same token.</b>
 *
 * <h2>Order of writes, and why a crash between two of them is harmless</h2>
 * <ul>
 * <li>Allocate writes the holder entry first (an <i>intent</i>), then the claim, then reads the holder
 *     entry again: only if it is unchanged is the address returned.</li>
 * <li>Release removes the holder entry first, then the claim.</li>
 * </ul>
 * So a claim is only ever written while its holder entry names it with the same token. Once that
 * holder entry is removed or replaced it never comes back (tokens are never reused), so a claim whose
 * holder entry does not match is an <i>orphan</i>, for good, and anyone may remove it:
 * <ul>
 * <li>crash after the intent, before the claim: an intent without claim; the address is not taken
 *     (another NAI may claim it) and {@link #addressOf} says "none". The NAI's next {@link #allocate}
 *     resumes it, or drops it if the address went to someone else;</li>
 * <li>crash after the claim: the allocation is complete (the caller just never heard of it) and the
 *     next {@link #allocate} of the NAI returns it;</li>
 * <li>crash in a release, between its two removals: an orphan claim; the address stays unusable until
 *     an allocation scanning the pool meets it (it checks every claimed address it passes) or
 *     {@link #reclaimOrphans()} runs (call it at start): both remove it. No leak, no double
 *     assignment.</li>
 * </ul>
 * The same reasoning covers concurrent calls for one NAI: an allocate whose intent was removed under
 * it (a concurrent release) undoes its own claim; two allocates of one NAI agree on the one intent
 * that {@code putIfAbsent} let in. The pool's caches fsync every write (config/infinispan.xml), so
 * even a power loss cannot take back an address a caller was given.
 *
 * <p>Allocation is next-fit from a cursor kept in memory (a hint only); "exhausted" means one full
 * pass over the range found no free or orphaned address.
 */
public final class InfinispanHomeAddressPool implements HomeAddressPool {

    private static final Logger log = LoggerFactory.getLogger(InfinispanHomeAddressPool.class);

    /** Each failed round means another caller changed the pool; this many means something is wrong. */
    private static final int MAX_ROUNDS = 10_000;

    private final Cache<String, String> claims;
    private final Cache<String, String> holders;
    private final AddressRange range;
    private final AtomicLong cursor = new AtomicLong();

    /**
     * @param claims  address -> "token NAI" ({@value RegistrationCaches#HOME_ADDRESS_CLAIMS})
     * @param holders NAI -> "token address" ({@value RegistrationCaches#HOME_ADDRESS_HOLDERS})
     * @param range   the addresses to hand out
     */
    public InfinispanHomeAddressPool(Cache<String, String> claims, Cache<String, String> holders, AddressRange range) {
        this.claims = Objects.requireNonNull(claims, "claims");
        this.holders = Objects.requireNonNull(holders, "holders");
        this.range = Objects.requireNonNull(range, "range");
    }

    /** The pool of a node's state store. */
    public static InfinispanHomeAddressPool in(StateStore store, AddressRange range) {
        return new InfinispanHomeAddressPool(store.cache(RegistrationCaches.HOME_ADDRESS_CLAIMS),
                store.cache(RegistrationCaches.HOME_ADDRESS_HOLDERS), range);
    }

    public AddressRange range() {
        return range;
    }

    @Override
    public Optional<Inet4Address> allocate(String nai) {
        Subscriber.checkNai(nai);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String held = holders.get(nai);
            if (held != null) {
                if (confirm(nai, held)) {
                    return Optional.of(Holding.decode(held).address());
                }
                continue;
            }
            Optional<Inet4Address> free = findFree();
            if (free.isEmpty()) {
                return Optional.empty();
            }
            // the intent; if another allocate of this NAI got in first, the next round confirms its intent
            holders.putIfAbsent(nai, new Holding(UUID.randomUUID().toString(), free.get()).encode());
        }
        throw new IllegalStateException("no stable home address for " + nai + " after " + MAX_ROUNDS + " rounds");
    }

    @Override
    public void release(String nai) {
        Subscriber.checkNai(nai);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String held = holders.get(nai);
            if (held == null) {
                return;
            }
            if (holders.remove(nai, held)) {
                Holding h = Holding.decode(held);
                claims.remove(key(h.address()), Claim.encode(h.token(), nai));
                return;
            }
        }
        throw new IllegalStateException("cannot release the home address of " + nai);
    }

    @Override
    public Optional<Inet4Address> addressOf(String nai) {
        String held = holders.get(nai);
        if (held == null) {
            return Optional.empty();
        }
        Holding h = Holding.decode(held);
        return Claim.encode(h.token(), nai).equals(claims.get(key(h.address()))) ? Optional.of(h.address())
                : Optional.empty();
    }

    /**
     * Removes every orphan claim (left by a release that crashed half-way). Safe at any time, also
     * while the pool serves; meant for a node's start.
     *
     * @return how many were removed
     */
    public int reclaimOrphans() {
        int removed = 0;
        for (Map.Entry<String, String> claim : List.copyOf(claims.entrySet())) {
            if (isOrphan(claim.getKey(), claim.getValue()) && claims.remove(claim.getKey(), claim.getValue())) {
                removed++;
            }
        }
        if (removed > 0) {
            log.info("reclaimed {} home addresses left claimed by an interrupted release", removed);
        }
        return removed;
    }

    /**
     * Turns the intent {@code held} of {@code nai} into a holding: true when the address is now
     * {@code nai}'s; false when the next round must look again.
     */
    private boolean confirm(String nai, String held) {
        Holding h = Holding.decode(held);
        String address = key(h.address());
        String mine = Claim.encode(h.token(), nai);
        if (!range.contains(h.address())) {
            // the pool was reconfigured without this address: give it up (release order: holder first)
            if (holders.remove(nai, held)) {
                claims.remove(address, mine);
            }
            return false;
        }
        String current = claims.putIfAbsent(address, mine);
        if (current == null || current.equals(mine)) {
            if (held.equals(holders.get(nai))) {
                return true;
            }
            claims.remove(address, mine); // released under us: our claim is an orphan, undo it
            return false;
        }
        if (isOrphan(address, current)) {
            claims.remove(address, current); // the next round claims it
        } else {
            holders.remove(nai, held); // another NAI holds it: drop the intent, pick another
        }
        return false;
    }

    /** An address with no claim, or with an orphan claim removed now; empty if there is none. */
    private Optional<Inet4Address> findFree() {
        long size = range.size();
        long start = Math.floorMod(cursor.getAndIncrement(), size);
        for (long i = 0; i < size; i++) {
            Inet4Address candidate = range.get((start + i) % size);
            String address = key(candidate);
            String claim = claims.get(address);
            if (claim == null) {
                return Optional.of(candidate);
            }
            if (isOrphan(address, claim) && claims.remove(address, claim)) {
                // a release in progress or one that crashed half-way: either way the claim holds nothing
                log.debug("reclaimed home address {} from a claim no holder matches", address);
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** True if {@code claim} on {@code address} has no matching holder entry: it holds nothing, for good. */
    private boolean isOrphan(String address, String claim) {
        Claim c = Claim.decode(claim);
        return !Holding.encode(c.token(), address).equals(holders.get(c.nai()));
    }

    private static String key(Inet4Address address) {
        return Ipv4.format(address);
    }

    /** A holder entry: "token address". */
    private record Holding(String token, Inet4Address address) {

        String encode() {
            return encode(token, key(address));
        }

        static String encode(String token, String address) {
            return token + ' ' + address;
        }

        static Holding decode(String value) {
            int space = value.indexOf(' ');
            if (space < 0) {
                throw new IllegalStateException("malformed home address holder entry");
            }
            return new Holding(value.substring(0, space), Ipv4.parse(value.substring(space + 1)));
        }
    }

    /** A claim entry: "token NAI" (a NAI has no space). */
    private record Claim(String token, String nai) {

        static String encode(String token, String nai) {
            return token + ' ' + nai;
        }

        static Claim decode(String value) {
            int space = value.indexOf(' ');
            if (space < 0) {
                throw new IllegalStateException("malformed home address claim entry");
            }
            return new Claim(value.substring(0, space), value.substring(space + 1));
        }
    }
}
