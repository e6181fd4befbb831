package org.mipaaa.install;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.policy.PeerKind;
import org.mipaaa.role.Role;
import org.mipaaa.role.ServedApplication;
import org.mipaaa.settings.Settings;

/**
 * What installing the applications on a stack needs besides each role's own settings, from
 * {@code node.properties}. jDiameter's own settings (identity, peers, realms, timers) stay in the
 * stack's configuration.
 *
 * @param roles           the roles the node plays ({@code role=AAAH} or {@code role=AAAH,AAAY}), the
 *                        first its main one
 * @param vendor          the carrier's Vendor-Id and vendor Application-Id ({@code vendor.id},
 *                        {@code services.application.id})
 * @param handlerThreads  threads that run request handlers, so jDiameter's threads never block
 *                        ({@code handler.threads}, 4)
 * @param handlerQueue    requests waiting for a handler thread; beyond it the node answers 3004 TOO_BUSY
 *                        ({@code handler.queue}, 1000)
 * @param requestTimeout  how long the node waits for an answer to a request it sends ({@code request.timeout.ms}, 5000)
 * @param stateConfig     the Infinispan configuration of the state store ({@code state.config}, relative to
 *                        the settings' directory, {@code ../infinispan.xml})
 * @param stateDirectory  where the persistent caches keep their files ({@code state.directory},
 *                        {@code var/state/<main role>}); a directory per node host below it
 * @param peerKinds       what each peer is to this node, by DiameterIdentity (lower case;
 *                        {@code peer.role.<host>=KIND[,KIND]}: a role, or RELAY for another vendor's relay or
 *                        proxy, or MOBILE_NODE for a mobile node's agent the carrier lists by name)
 * @param policyFile      which kind of peer may send which request to which role ({@code policy.file},
 *                        relative to the settings' directory, {@code ../policy.properties})
 * @param stateProperties the {@code state.cluster.*} settings, the values of the state store
 *                        configuration's placeholders (a clustered AAAH's address and members,
 *                        config/infinispan-cluster.xml); none for a node alone
 */
public record InstallSettings(List<Role> roles, VendorSettings vendor, int handlerThreads, int handlerQueue,
                              Duration requestTimeout, Path stateConfig, Path stateDirectory, Map<String, Set<PeerKind>> peerKinds,
                              Path policyFile, Map<String, String> stateProperties) {

    private static final String PEER_ROLE_PREFIX = "peer.role.";
    private static final String STATE_CLUSTER_PREFIX = "state.cluster.";
    private static final String CLUSTER_TLS = STATE_CLUSTER_PREFIX + "tls";

    public InstallSettings {
        if (roles.isEmpty() || roles.size() != Set.copyOf(roles).size()) {
            throw new IllegalArgumentException("a node plays one role or several distinct ones, not " + roles);
        }
        roles = List.copyOf(roles);
        peerKinds = Map.copyOf(peerKinds);
        stateProperties = Map.copyOf(stateProperties);
    }

    /** The node's main role: the first of {@code role=}. */
    public Role role() {
        return roles.get(0);
    }

    /** The roles of the peer {@code host} ({@code peer.role.<host>}); none when not configured. */
    public List<Role> rolesOf(String host) {
        return peerKinds.getOrDefault(host.toLowerCase(Locale.ROOT), Set.of()).stream()
                .filter(k -> k != PeerKind.RELAY && k != PeerKind.MOBILE_NODE).map(k -> Role.valueOf(k.name())).sorted().toList();
    }

    /** What the peer {@code host} is to this node by configuration; none when not configured. */
    public Set<PeerKind> kindsOf(String host) {
        return peerKinds.getOrDefault(host.toLowerCase(Locale.ROOT), Set.of());
    }

    /** The applications the node's roles serve, each once, in the order of the roles. */
    public List<ServedApplication> applications() {
        return roles.stream().flatMap(r -> r.applications(vendor).stream()).distinct().toList();
    }

    /** The same settings for {@code roles} instead of those of {@code role=}. */
    public InstallSettings withRoles(List<Role> roles) {
        return new InstallSettings(roles, vendor, handlerThreads, handlerQueue, requestTimeout, stateConfig, stateDirectory, peerKinds,
                policyFile, stateProperties);
    }

    public static InstallSettings from(Settings settings) {
        List<Role> roles = Role.parseList(settings.require("role"));
        VendorSettings defaults = VendorSettings.defaults();
        VendorSettings vendor = new VendorSettings(settings.longValue("vendor.id", defaults.vendorId()),
                settings.longValue("services.application.id", defaults.accountingServicesApplicationId()));
        int threads = settings.integer("handler.threads", 4);
        int queue = settings.integer("handler.queue", 1000);
        Duration timeout = settings.millis("request.timeout.ms", 5000);
        Path stateConfig = settings.file("state.config", "../infinispan.xml");
        Path stateDir = Path.of(settings.get("state.directory", "var/state/" + roles.get(0).name().toLowerCase(Locale.ROOT)));
        Map<String, Set<PeerKind>> peerKinds = new HashMap<>();
        for (String key : settings.keys(PEER_ROLE_PREFIX)) {
            Set<PeerKind> kinds = new java.util.TreeSet<>();
            for (String kind : settings.require(key).split(",")) {
                try {
                    kinds.add(PeerKind.parse(kind));
                } catch (IllegalArgumentException e) {
                    throw settings.invalid(key, kind, "one of " + List.of(PeerKind.values()));
                }
            }
            peerKinds.put(key.substring(PEER_ROLE_PREFIX.length()).toLowerCase(Locale.ROOT), kinds);
        }
        Map<String, String> stateProperties = new HashMap<>();
        for (String key : settings.keys(STATE_CLUSTER_PREFIX)) {
            stateProperties.put(key, settings.require(key));
        }
        if (settings.bool(CLUSTER_TLS, false)) {
            // the member's JGroups links: a key and a trust store of the members' own CA (mip-aaa pki --cluster-member)
            stateProperties.put(CLUSTER_TLS + ".enabled", "true");
            stateProperties.put(CLUSTER_TLS + ".keystore.path", absolute(settings, CLUSTER_TLS + ".keystore"));
            stateProperties.put(CLUSTER_TLS + ".keystore.password.file", absolute(settings, CLUSTER_TLS + ".keystore.password.file"));
            stateProperties.put(CLUSTER_TLS + ".truststore.path", absolute(settings, CLUSTER_TLS + ".truststore"));
            stateProperties.put(CLUSTER_TLS + ".truststore.password.file", absolute(settings, CLUSTER_TLS + ".truststore.password.file"));
        }
        return new InstallSettings(roles, vendor, threads, queue, timeout, stateConfig, stateDir, peerKinds,
                settings.file("policy.file", "../policy.properties"), stateProperties);
    }

    /** The absolute path of the file setting {@code key} (required) names, relative to the settings' directory. */
    private static String absolute(Settings settings, String key) {
        return settings.file(key, settings.require(key)).toAbsolutePath().toString();
    }
}
