package org.mipaaa.role;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.settings.Settings;
import org.mipaaa.state.StateStore;
import org.mipaaa.udp.MobileIpPorts;

/**
 * What one role's applications are given when they are installed on a jDiameter Stack: everything
 * they need, and nothing they could use to reach another role's parts. A role's installer registers
 * its handlers in {@link #handlers()}, builds its agents from {@link #settings()} and {@link #state()},
 * hands each agent that must stop before the stack to {@link #closeWith}, and returns what later code
 * (an operator's tool, a test) needs of it.
 *
 * @param role           the role being installed
 * @param host           the stack's DiameterIdentity (its Origin-Host)
 * @param realm          the stack's realm (its Origin-Realm)
 * @param vendor         the carrier's Vendor-Id and vendor Application-Id
 * @param handlers       where the role registers its request handlers; all before the stack starts
 * @param client         sends the requests this role originates; one for another role of the same
 *                       node is served in process
 * @param state          the node's state store
 * @param settings       the node's settings ({@code node.properties}), and the directory of its data files
 * @param requestTimeout how long a request the node sends may wait for its answer
 * @param connected      whether a peer (by DiameterIdentity) is connected now (CER/CEA done, link up)
 * @param resources      takes what must stop before the stack does (agents that still send on the way out)
 * @param clock          the node's clock
 * @param meters         where the role's meters go (the node's registry)
 * @param mobileIpPorts  the node's Mobile IP UDP ports, shared by its home agent and foreign agent at one address
 */
public record RoleContext(Role role, String host, String realm, VendorSettings vendor, HandlerRegistry handlers,
                          DiameterClient client, StateStore state, Settings settings, Duration requestTimeout,
                          Predicate<String> connected, Resources resources, Clock clock, MeterRegistry meters,
                          MobileIpPorts mobileIpPorts) {

    /** Takes the resources of a node's roles that must be closed before its stack stops. */
    @FunctionalInterface
    public interface Resources {
        void closeWith(AutoCloseable resource);
    }

    /**
     * This context with {@code other} as the handler registry: to install a role's applications and then
     * decorate or replace some of their handlers (a test making a handler slow) before registering them.
     */
    public RoleContext withHandlers(HandlerRegistry other) {
        return new RoleContext(role, host, realm, vendor, other, client, state, settings, requestTimeout, connected, resources, clock,
                meters, mobileIpPorts);
    }

    /** Closes {@code resource} when the node stops, before its stack: in the order they were given. */
    public void closeWith(AutoCloseable resource) {
        resources.closeWith(resource);
    }

    /** The Application-Id of the carrier's accounting-services application (docs/PROTOCOL.md §1). */
    public long servicesApplication() {
        return vendor.accountingServicesApplicationId();
    }

    /** A duration setting in milliseconds, or {@code defaultMillis}. */
    public Duration millis(String key, long defaultMillis) {
        return settings.millis(key, defaultMillis);
    }
}
