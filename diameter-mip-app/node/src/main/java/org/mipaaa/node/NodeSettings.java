package org.mipaaa.node;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.install.InstallSettings;
import org.mipaaa.ops.OpsSettings;
import org.mipaaa.role.Role;
import org.mipaaa.role.ServedApplication;
import org.mipaaa.transport.TransportSettings;

/**
 * The settings of one of our standalone nodes, from {@code node.properties}: what installing the
 * applications needs ({@link InstallSettings}) and the settings of this project's transport.
 * jDiameter's settings (identity, peers, realms, timers) stay in {@code jdiameter.xml}.
 *
 * @param install   the roles, vendor settings, handler pool, request timeout, state store, peer roles
 * @param transport the node's connections: TCP/TLS listeners, framing limits, timeouts, TLS keys
 * @param ops       the operations endpoint: metrics, health and readiness
 */
public record NodeSettings(InstallSettings install, TransportSettings transport, OpsSettings ops) {

    /** The node's main role: the first of {@code role=}. */
    public Role role() {
        return install.role();
    }

    public List<Role> roles() {
        return install.roles();
    }

    public VendorSettings vendor() {
        return install.vendor();
    }

    /** The roles of the peer {@code host} ({@code peer.role.<host>}); none when not configured. */
    public List<Role> rolesOf(String host) {
        return install.rolesOf(host);
    }

    /** The applications the node's roles serve, each once, in the order of the roles. */
    public List<ServedApplication> applications() {
        return install.applications();
    }

    public static NodeSettings from(ConfigSource config) {
        return new NodeSettings(InstallSettings.from(config.settings()), transport(config), OpsSettings.from(config.settings()));
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
                config.settings().integer("transport.max.message.length", d.maxMessageLength()),
                millis(config, "transport.message.timeout.ms", d.messageTimeout()),
                millis(config, "transport.connect.timeout.ms", d.connectTimeout()),
                millis(config, "transport.write.timeout.ms", d.writeTimeout()),
                config.settings().bool("transport.keepalive", d.keepAlive()),
                config.settings().bool("transport.tcp.listen", d.tcpListen()),
                config.settings().integer("transport.tls.port", 0),
                tls,
                PeerSecurity.tlsPeers(config.jdiameterXml()),
                config.settings().integer("transport.max.connections", d.maxConnections()),
                admission(config));
    }

    /**
     * Who may connect: the peers of jdiameter.xml, and mobile nodes by their certificate when
     * {@code transport.mobile.nodes=true}; the deadlines and counts before a peer is authenticated.
     */
    private static TransportSettings.Admission admission(ConfigSource config) {
        TransportSettings.Admission d = TransportSettings.Admission.open();
        List<PeerSecurity.ConfiguredPeer> peers = PeerSecurity.peers(config.jdiameterXml());
        Map<String, Set<String>> dialled = new HashMap<>();
        peers.stream().filter(PeerSecurity.ConfiguredPeer::dialled)
                .forEach(p -> dialled.computeIfAbsent(p.ip() + ":" + p.port(), a -> new java.util.HashSet<>()).add(p.host()));
        return new TransportSettings.Admission(
                peers.stream().map(PeerSecurity.ConfiguredPeer::host).collect(Collectors.toSet()), dialled,
                config.settings().bool("transport.mobile.nodes", false),
                millis(config, "transport.handshake.timeout.ms", d.handshakeTimeout()),
                millis(config, "transport.cer.timeout.ms", d.authenticationTimeout()),
                config.settings().integer("transport.max.handshakes", d.maxHandshakes()),
                config.settings().integer("transport.max.unauthenticated.per.address", d.maxUnauthenticatedPerAddress()));
    }

    /** The peers jdiameter.xml makes the node dial: those it needs to serve (the default of {@code ops.ready.peers}). */
    public static Set<String> dialledPeers(ConfigSource config) {
        return PeerSecurity.peers(config.jdiameterXml()).stream().filter(PeerSecurity.ConfiguredPeer::dialled)
                .map(p -> p.host().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
    }

    private static Duration millis(ConfigSource config, String key, Duration fallback) {
        return config.settings().millis(key, fallback.toMillis());
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
