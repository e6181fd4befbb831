package org.mipaaa.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.transport.TransportSettings;

/**
 * The application's own settings of one node, from {@code node.properties}. jDiameter's settings
 * (identity, peers, realms, timers) stay in {@code jdiameter.xml}.
 *
 * @param roles           the roles this node plays ({@code role=AAAH} or {@code role=AAAH,AAAY}), the
 *                        first the node's main one (its name in logs, its configuration directory)
 * @param vendor          the carrier's Vendor-Id and vendor Application-Id
 * @param handlerThreads  threads that run request handlers, so jDiameter's network threads never block
 * @param handlerQueue    requests waiting for a handler thread; beyond it the node answers 3004 TOO_BUSY
 * @param requestTimeout  how long the node waits for an answer to a request it sends
 * @param stateConfig     the Infinispan configuration file of this node's state store
 * @param stateDirectory  where persistent caches of this node keep their files
 * @param peerRoles       the roles of each peer by host name ({@code peer.role.<host>=ROLE[,ROLE]}), for the
 *                        trace's seed step ids
 * @param transport       the node's connections: TCP/TLS listeners, framing limits, timeouts, TLS keys
 */
public record NodeSettings(List<Role> roles, VendorSettings vendor, int handlerThreads, int handlerQueue,
                           Duration requestTimeout, Path stateConfig, Path stateDirectory, Map<String, List<Role>> peerRoles,
                           TransportSettings transport) {

    private static final String PEER_ROLE_PREFIX = "peer.role.";

    public NodeSettings {
        if (roles.isEmpty() || roles.size() != Set.copyOf(roles).size()) {
            throw new IllegalArgumentException("a node plays one role or several distinct ones, not " + roles);
        }
        roles = List.copyOf(roles);
    }

    /** The node's main role: the first of {@code role=}. */
    public Role role() {
        return roles.get(0);
    }

    /** The roles of the peer {@code host} ({@code peer.role.<host>}); none when not configured. */
    public List<Role> rolesOf(String host) {
        return peerRoles.getOrDefault(host, List.of());
    }

    /** The applications the node's roles serve, each once, in the order of the roles. */
    public List<ServedApplication> applications() {
        return roles.stream().flatMap(r -> r.applications(vendor).stream()).distinct().toList();
    }

    public static NodeSettings from(ConfigSource config) {
        List<Role> roles = Role.parseList(config.require("role"));
        Role role = roles.get(0);
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
        Map<String, List<Role>> peerRoles = new HashMap<>();
        config.keys(PEER_ROLE_PREFIX).forEach(k -> peerRoles.put(k.substring(PEER_ROLE_PREFIX.length()), Role.parseList(config.require(k))));
        return new NodeSettings(roles, vendor, threads, queue, timeout, stateConfig, stateDir, Map.copyOf(peerRoles),
                transport(config));
    }

    private static TransportSettings transport(ConfigSource config) {
        TransportSettings d = TransportSettings.defaults();
        String keyStore = config.get("tls.keystore", "");
        TransportSettings.TlsSettings tls = keyStore.isBlank() ? null : new TransportSettings.TlsSettings(
                config.directory().resolve(keyStore),
                config.directory().resolve(config.require("tls.keystore.password.file")),
                config.directory().resolve(config.require("tls.truststore")),
                config.directory().resolve(config.require("tls.truststore.password.file")),
                list(config.get("tls.protocols", "TLSv1.3,TLSv1.2")),
                list(config.get("tls.cipher.suites", "")));
        return new TransportSettings(
                Integer.parseInt(config.get("transport.max.message.length", Integer.toString(d.maxMessageLength()))),
                millis(config, "transport.message.timeout.ms", d.messageTimeout()),
                millis(config, "transport.connect.timeout.ms", d.connectTimeout()),
                millis(config, "transport.write.timeout.ms", d.writeTimeout()),
                Boolean.parseBoolean(config.get("transport.keepalive", Boolean.toString(d.keepAlive()))),
                Boolean.parseBoolean(config.get("transport.tcp.listen", Boolean.toString(d.tcpListen()))),
                Integer.parseInt(config.get("transport.tls.port", "0")),
                tls,
                PeerSecurity.tlsPeers(config.jdiameterXml()),
                Integer.parseInt(config.get("transport.max.connections", Integer.toString(d.maxConnections()))));
    }

    private static Duration millis(ConfigSource config, String key, Duration fallback) {
        return Duration.ofMillis(Long.parseLong(config.get(key, Long.toString(fallback.toMillis()))));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
