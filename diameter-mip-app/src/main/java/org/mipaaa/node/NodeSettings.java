package org.mipaaa.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.mipaaa.dictionary.VendorSettings;

/**
 * The application's own settings of one node, from {@code node.properties}. jDiameter's settings
 * (identity, peers, realms, timers) stay in {@code jdiameter.xml}.
 *
 * @param role            which role this node plays
 * @param vendor          the carrier's Vendor-Id and vendor Application-Id
 * @param handlerThreads  threads that run request handlers, so jDiameter's network threads never block
 * @param handlerQueue    requests waiting for a handler thread; beyond it the node answers 3004 TOO_BUSY
 * @param requestTimeout  how long the node waits for an answer to a request it sends
 * @param stateConfig     the Infinispan configuration file of this node's state store
 * @param stateDirectory  where persistent caches of this node keep their files
 * @param peerRoles       the role of each peer by host name ({@code peer.role.<host>=ROLE}), for the
 *                        trace's seed step ids
 */
public record NodeSettings(Role role, VendorSettings vendor, int handlerThreads, int handlerQueue,
                           Duration requestTimeout, Path stateConfig, Path stateDirectory, Map<String, Role> peerRoles) {

    private static final String PEER_ROLE_PREFIX = "peer.role.";

    public static NodeSettings from(ConfigSource config) {
        Role role = Role.parse(config.require("role"));
        VendorSettings defaults = VendorSettings.defaults();
        VendorSettings vendor = new VendorSettings(
                Long.parseLong(config.get("vendor.id", Long.toString(defaults.vendorId()))),
                Long.parseLong(config.get("services.application.id",
                        Long.toString(defaults.accountingServicesApplicationId()))));
        int threads = Integer.parseInt(config.get("handler.threads", "4"));
        int queue = Integer.parseInt(config.get("handler.queue", "1000"));
        Duration timeout = Duration.ofMillis(Long.parseLong(config.get("request.timeout.ms", "5000")));
        Path stateConfig = config.directory().resolve(config.get("state.config", "../infinispan.xml")).normalize();
        Path stateDir = Path.of(config.get("state.directory",
                "var/state/" + role.name().toLowerCase(java.util.Locale.ROOT)));
        Map<String, Role> peerRoles = new HashMap<>();
        config.keys(PEER_ROLE_PREFIX).forEach(k -> peerRoles.put(k.substring(PEER_ROLE_PREFIX.length()), Role.parse(config.require(k))));
        return new NodeSettings(role, vendor, threads, queue, timeout, stateConfig, stateDir, Map.copyOf(peerRoles));
    }
}
