package org.mipaaa.registration;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;

/**
 * The registration handlers of the home side (seed S104-S106): the AAAH's AMR handler
 * ({@link AmrHandler}) and STR handler ({@link StrHandler}), the HA's HAR handler ({@link HarHandler});
 * other roles get none from here.
 *
 * <p>They need the started node (its state store and its client), so
 * {@link org.mipaaa.node.RoleServices} builds them once the node is up and registers them on it.
 * Building the AAAH's provisions its subscribers from {@code subscribers.file}.
 */
public final class RegistrationHandlers {

    private RegistrationHandlers() {
    }

    /** The AAAH's AMR handler on {@code node}: subscribers provisioned, the pool opened. */
    public static AmrHandler homeAaa(DiameterNode node, ConfigSource config) {
        RegistrationSettings registration = RegistrationSettings.from(config);
        SubscriberDirectory subscribers = InfinispanSubscriberDirectory.in(node.state());
        Path file = registration.subscribersFile().orElseThrow(
                () -> new IllegalStateException(node.host() + ": the AAAH needs subscribers.file"));
        if (registration.homeAddressPool().isPresent()) {
            SubscriberProvisioning.load(file, subscribers, registration.homeAddressPool().get());
        } else {
            SubscriberProvisioning.load(file, subscribers);
        }
        Optional<HomeAddressPool> pool = registration.homeAddressPool()
                .map(range -> InfinispanHomeAddressPool.in(node.state(), range));
        return new AmrHandler(subscribers, pool, HomeSessions.in(node.state()), node.client(), HomeRegistrationSettings.from(config),
                new SecureRandom());
    }

    /** The AAAH's STR handler on {@code node}: the home agent's STR of a current session frees the pool address. */
    public static StrHandler homeAaaSessionEnd(DiameterNode node, ConfigSource config) {
        Optional<HomeAddressPool> pool = RegistrationSettings.from(config).homeAddressPool()
                .map(range -> InfinispanHomeAddressPool.in(node.state(), range));
        String homeAgent = HomeRegistrationSettings.from(config).homeAgentHost().orElseThrow(
                () -> new IllegalStateException(node.host() + ": the AAAH needs registration.home.agent.host"));
        return new StrHandler(pool, HomeSessions.in(node.state()), homeAgent);
    }

    /** The HA's HAR handler on {@code node}. */
    public static HarHandler homeAgent(DiameterNode node, ConfigSource config) {
        RegistrationSettings registration = RegistrationSettings.from(config);
        return new HarHandler(InfinispanBindingTable.in(node.state()), AbortedSessions.in(node.state()),
                HomeRegistrationSettings.from(config),
                new IdentificationCheck(registration.identificationTolerance()), new SecureRandom(), Clock.systemUTC(),
                node.host());
    }

    /**
     * The HA's ASR handler on {@code node}: the AAAH named by {@code registration.home.aaa.host} (any
     * peer when unset) aborts HAR sessions it gave up on.
     */
    public static AsrHandler homeAgentAbort(DiameterNode node, ConfigSource config) {
        String aaah = config.get("registration.home.aaa.host", "").strip();
        return new AsrHandler(InfinispanBindingTable.in(node.state()), AbortedSessions.in(node.state()),
                aaah.isEmpty() ? Optional.empty() : Optional.of(aaah));
    }

    /** The HA's Mobile IP side for renewals (S108-S109), on UDP {@code udp}. */
    public static HomeAgentRenewals homeAgentRenewals(DiameterNode node, ConfigSource config, java.net.InetSocketAddress udp)
            throws java.net.SocketException {
        RegistrationSettings registration = RegistrationSettings.from(config);
        return new HomeAgentRenewals(InfinispanBindingTable.in(node.state()),
                new IdentificationCheck(registration.identificationTolerance()),
                HomeRegistrationSettings.from(config).maxLifetime(), Clock.systemUTC(), udp,
                ForeignHomeKeys.parse(config.get("ha.foreign.agent.keys", "")));
    }
}
