package org.mipaaa.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.persistence.sifs.configuration.SoftIndexFileStoreConfiguration;
import org.junit.jupiter.api.Test;

/**
 * config/infinispan-cluster.xml is config/infinispan.xml with the AAAH's state shared: the same caches
 * with the same stores, expirations and bounds, so that a clustered AAAH keeps what a lone one keeps;
 * the AAAH's persistent caches replicated synchronously, and no cache that could split in two and
 * go on writing on both sides.
 */
class ClusterConfigurationTest {

    private static final Path LONE = Path.of("../../config/infinispan.xml");
    private static final Path CLUSTER = Path.of("../../config/infinispan-cluster.xml");
    /** The AAAH's persistent state: the pool, sessions, the ledger, settlements, replay counters, closings. */
    private static final Set<String> AAAH_PERSISTENT = Set.of("home-address-claims", "home-address-holders", "home-sessions",
            "home-session-owners", "home-session-agents", "accounting-owners", "foreign-sessions", "account-entries",
            "account-sessions", "account-index", "aaam-replay-counters", "settlements", "communication-commitments",
            "billing-period-closings");

    @Test
    void everyCacheOfALoneNodeIsDefinedAlikeForTheCluster() throws Exception {
        Map<String, ConfigurationBuilder> lone = parse(LONE).getNamedConfigurationBuilders();
        Map<String, ConfigurationBuilder> cluster = parse(CLUSTER).getNamedConfigurationBuilders();

        assertThat(cluster.keySet()).isEqualTo(lone.keySet());
        lone.forEach((name, builder) -> {
            Configuration alone = builder.build();
            Configuration shared = cluster.get(name).build();
            assertThat(shared.expiration().lifespan()).as(name).isEqualTo(alone.expiration().lifespan());
            assertThat(shared.expiration().maxIdle()).as(name).isEqualTo(alone.expiration().maxIdle());
            assertThat(shared.memory().maxCount()).as(name).isEqualTo(alone.memory().maxCount());
            assertThat(shared.persistence().stores()).as(name).hasSameSizeAs(alone.persistence().stores());
            for (int i = 0; i < alone.persistence().stores().size(); i++) {
                SoftIndexFileStoreConfiguration a = (SoftIndexFileStoreConfiguration) alone.persistence().stores().get(i);
                SoftIndexFileStoreConfiguration s = (SoftIndexFileStoreConfiguration) shared.persistence().stores().get(i);
                assertThat(s.dataLocation()).as(name).isEqualTo(a.dataLocation());
                assertThat(s.syncWrites()).as(name).isEqualTo(a.syncWrites());
                assertThat(s.async().enabled()).as(name).isFalse();
                assertThat(s.shared()).as(name + ": each member keeps its own copy").isFalse();
            }
        });
    }

    @Test
    void theAaahsPersistentStateIsReplicatedSynchronouslyAndRefusesWritesInAMinority() throws Exception {
        Map<String, ConfigurationBuilder> cluster = parse(CLUSTER).getNamedConfigurationBuilders();

        for (String name : AAAH_PERSISTENT) {
            Configuration c = cluster.get(name).build();
            assertThat(c.clustering().cacheMode()).as(name).isEqualTo(CacheMode.REPL_SYNC);
            assertThat(c.clustering().partitionHandling().whenSplit()).as(name).isEqualTo(PartitionHandling.DENY_READ_WRITES);
            assertThat(c.persistence().stores()).as(name).hasSize(1);
            assertThat(((SoftIndexFileStoreConfiguration) c.persistence().stores().get(0)).syncWrites()).as(name).isTrue();
        }
        Configuration answers = cluster.get(StateStore.ANSWERS).build();
        assertThat(answers.clustering().cacheMode()).isEqualTo(CacheMode.DIST_SYNC);
        assertThat(answers.clustering().hash().numOwners()).isEqualTo(2);
        cluster.forEach((name, builder) -> {
            Configuration c = builder.build();
            if (c.clustering().cacheMode().isClustered()) {
                assertThat(c.clustering().cacheMode().isSynchronous()).as(name).isTrue();
                assertThat(c.clustering().partitionHandling().whenSplit()).as(name).isEqualTo(PartitionHandling.DENY_READ_WRITES);
            }
        });
    }

    @Test
    void theMembersFindEachOtherByTheirListNeverByMulticast() throws Exception {
        String xml = Files.readString(CLUSTER);

        assertThat(xml).contains("<TCPPING initial_hosts=\"${state.cluster.members")
                .contains("stack.combine=\"REPLACE\" stack.position=\"MPING\"")
                .contains("<TCP bind_addr=\"${state.cluster.bind.address:127.0.0.1}\"")
                .contains("<FD_SOCK2 bind_addr=\"${state.cluster.bind.address:127.0.0.1}\"")
                .contains("stack=\"mip-aaa-tcp\"");
        assertThat(parse(CLUSTER).getGlobalConfigurationBuilder().build().transport().stack()).isEqualTo("mip-aaa-tcp");
    }

    private static ConfigurationBuilderHolder parse(Path file) throws Exception {
        Properties values = new Properties();
        values.setProperty(StateStore.CLUSTER_NODE, "test");
        return new ParserRegistry(ClusterConfigurationTest.class.getClassLoader(), false, values).parse(file.toUri().toURL());
    }
}
