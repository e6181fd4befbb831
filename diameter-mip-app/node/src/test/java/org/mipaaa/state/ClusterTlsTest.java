package org.mipaaa.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.install.InstallSettings;
import org.mipaaa.lab.ClusterLab;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.settings.Settings;

/**
 * The members of a cluster of AAAHs talk JGroups over TLS with a certificate on both sides, from a CA
 * of the members only (config/variants/aaah-cluster, mip-aaa pki --cluster-member): a member joins; a
 * node with a certificate of the realm's CA, or with none, does not, and the cluster does not see it. Two members and the intruder in this JVM, from the shipped node.properties and
 * config/infinispan-cluster.xml, over 127.0.0.1.
 */
class ClusterTlsTest {

    private static final Path VARIANTS = Path.of("../../config/variants");
    private static final List<String> MEMBERS = List.of("aaah.home.example", "aaah2.home.example", "aaah3.home.example");
    /** A node of the same CA that is no member: the realm's home agent. */
    private static final String OTHER_NODE = "ha.home.example";

    @TempDir
    Path dir;

    private final Map<String, String> lab = new HashMap<>();
    private final List<StateStore> opened = new ArrayList<>();

    @BeforeEach
    void issueThePkiAndPorts() throws IOException {
        Path tls = dir.resolve("tls");
        List<String> hosts = new ArrayList<>(MEMBERS);
        hosts.add(OTHER_NODE);
        PkiIssuer.issueAll(tls, "cluster TLS test CA", hosts, List.of(), MEMBERS);
        lab.put("tls.dir", tls.toString());
        lab.put("state.root", dir.resolve("state").toString());
        lab.put("state.cluster.fd.offset", "1");
        List<String> members = new ArrayList<>();
        for (String member : List.of("aaah", "aaah2", "aaah3")) {
            int port = ClusterLab.clusterPort();
            lab.put(member + ".cluster.port", Integer.toString(port));
            members.add("127.0.0.1[" + port + "]");
        }
        lab.put("aaah.cluster.members", String.join(",", members));
    }

    @AfterEach
    void close() {
        opened.forEach(StateStore::close);
    }

    @Test
    void aMemberWithItsCertificateJoinsTheCluster() {
        StateStore first = open("aaah-cluster/aaah", "aaah", Map.of());
        StateStore second = open("second-aaah/aaah", "aaah2", Map.of());

        assertThat(first.members()).containsExactlyInAnyOrder("aaah", "aaah2");
        assertThat(second.members()).containsExactlyInAnyOrder("aaah", "aaah2");
        first.cache("home-address-claims").put("10.0.0.1", "t1 mn1@home.example");
        assertThat(second.cache("home-address-claims").get("10.0.0.1")).isEqualTo("t1 mn1@home.example");
    }

    @Test
    void anotherNodeOfTheSameCaCannotJoinAndTheClusterDoesNotSeeIt() {
        StateStore first = open("aaah-cluster/aaah", "aaah", Map.of());
        Path tls = Path.of(lab.get("tls.dir"));
        // the home agent's own key (a certificate of the realm's CA), trusting the members' CA
        Map<String, String> intruder = Map.of(
                "state.cluster.tls.keystore", tls.resolve(OTHER_NODE + ".p12").toString(),
                "state.cluster.tls.keystore.password.file", tls.resolve(OTHER_NODE + ".pass").toString(),
                "state.cluster.tls.truststore", tls.resolve(PkiIssuer.CLUSTER_TRUST + ".p12").toString(),
                "state.cluster.tls.truststore.password.file", tls.resolve(PkiIssuer.CLUSTER_TRUST + ".pass").toString(),
                StateStore.JOIN_WAIT, "8000");

        assertThatThrownBy(() -> open("second-aaah/aaah", "intruder", intruder))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("found no running cluster");
        assertThat(first.members()).containsExactly("aaah");
    }

    @Test
    void aNodeWithoutTlsCannotJoin() {
        StateStore first = open("aaah-cluster/aaah", "aaah", Map.of());

        assertThatThrownBy(() -> open("second-aaah/aaah", "plain", Map.of("aaah.cluster.tls", "false", StateStore.JOIN_WAIT, "8000")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("found no running cluster");
        assertThat(first.members()).containsExactly("aaah");
    }

    /** A member started from the variant's node.properties, as the launcher does, under the node name {@code node}. */
    private StateStore open(String variant, String node, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(lab);
        values.putAll(overrides);
        Settings settings = Settings.of(VARIANTS.resolve(variant), values);
        InstallSettings install = InstallSettings.from(settings);
        StateStore store = StateStore.open(install.stateConfig(), install.stateDirectory().resolve(node), node, install.stateProperties());
        opened.add(store);
        return store;
    }
}
