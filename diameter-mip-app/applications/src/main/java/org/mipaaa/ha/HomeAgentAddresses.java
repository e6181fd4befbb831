package org.mipaaa.ha;

import java.net.Inet4Address;
import java.util.Optional;

import org.mipaaa.registration.BindingEndListener;
import org.mipaaa.registration.InfinispanHomeAddressPool;
import org.mipaaa.registration.MobilityBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home addresses this home agent allocates itself (RFC 4004 §5.3: an HAR without
 * MIP-Mobile-Node-Address whose Registration Request has Home Address 0.0.0.0 "MUST" get one from the
 * home agent; §3.1: "the Home Agent MUST support home address allocation"), from
 * {@code ha.home.address.pool}. A NAI keeps its address while it has a binding; the address is freed when
 * the binding ends, or when the HAR that took it binds nothing.
 *
 * <p>An address of the pool that a Registration Request names is the node's only if the pool says so:
 * a node naming another's address gets its own (or a new one), never the other's binding.
 */
public final class HomeAgentAddresses implements BindingEndListener {

    private static final Logger log = LoggerFactory.getLogger(HomeAgentAddresses.class);

    private final Optional<InfinispanHomeAddressPool> pool;

    /** @param pool the addresses to allocate; empty: this home agent allocates none (HARs must name one) */
    public HomeAgentAddresses(Optional<InfinispanHomeAddressPool> pool) {
        this.pool = pool;
    }

    /** What an HAR asks of the pool. */
    public sealed interface Allocation {
        /** The HAR's address is not the pool's business (the AAAH assigned it, or it lies outside the pool). */
        record NotNeeded(Inet4Address address) implements Allocation { }

        /** The node's address from the pool: held before this HAR ({@code fresh} false) or just taken. */
        record Allocated(Inet4Address address, boolean fresh) implements Allocation { }

        /** No address: no pool configured, or every address is held. */
        record NoneLeft(String reason) implements Allocation { }
    }

    /**
     * The home address of an HAR for {@code nai}: {@code assigned} (MIP-Mobile-Node-Address) when the AAAH
     * sent one; else {@code requested} (the Registration Request's Home Address) unless it is 0.0.0.0 or
     * one of the pool's addresses, in which case the pool decides.
     */
    public Allocation forHar(String nai, Optional<Inet4Address> assigned, Inet4Address requested) {
        if (assigned.isPresent()) {
            return new Allocation.NotNeeded(assigned.get());
        }
        boolean inPool = pool.isPresent() && pool.get().range().contains(requested);
        if (!requested.isAnyLocalAddress() && !inPool) {
            return new Allocation.NotNeeded(requested);
        }
        if (pool.isEmpty()) {
            return new Allocation.NoneLeft("no home address: neither MIP-Mobile-Node-Address nor ha.home.address.pool");
        }
        Optional<Inet4Address> held = pool.get().addressOf(nai);
        if (held.isPresent()) {
            return new Allocation.Allocated(held.get(), false);
        }
        return pool.get().allocate(nai).<Allocation>map(a -> new Allocation.Allocated(a, true))
                .orElseGet(() -> new Allocation.NoneLeft("home address pool exhausted"));
    }

    /** The HAR that took {@code allocation} bound nothing: a freshly taken address goes back. */
    public void unused(String nai, Allocation allocation) {
        if (allocation instanceof Allocation.Allocated a && a.fresh()) {
            pool.ifPresent(p -> p.release(nai));
        }
    }

    /** A binding ended: the address it had from the pool is free again. */
    @Override
    public void ended(MobilityBinding binding, Reason reason) {
        pool.filter(p -> p.addressOf(binding.nai()).filter(binding.homeAddress()::equals).isPresent()).ifPresent(p -> {
            p.release(binding.nai());
            log.debug("binding of {} ended ({}): home address released", binding.nai(), reason);
        });
    }
}
