package org.mipaaa.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.transport.TransportSettings;

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
 * @param transport       the node's connections: TCP/TLS listeners, framing limits, timeouts, TLS keys
 */
public record NodeSettings(Role role, VendorSettings vendor, int handlerThreads, int handlerQueue,
                           Duration requestTimeout, Path stateConfig, Path stateDirectory, Map<String, Role> peerRoles,
                           TransportSettings transport) {

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
        return new NodeSettings(role, vendor, threads, queue, timeout, stateConfig, stateDir, Map.copyOf(peerRoles),
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

    private static java.util.List<String> list(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
