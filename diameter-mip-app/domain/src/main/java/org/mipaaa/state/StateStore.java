package org.mipaaa.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.AvailabilityException;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.remoting.transport.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's state in embedded Infinispan, configured by an Infinispan XML file (config/infinispan.xml).
 * Each node of a process gets its own cache manager, with its own persistent-store directory, so the
 * roles of the demo do not share state they would not share on separate hosts.
 *
 * <p>Several AAAH processes of one realm share their state when their file declares a transport and
 * clustered caches (config/infinispan-cluster.xml, docs/ARCHITECTURE.md "Clustered state"). The file's
 * {@code ${name}} placeholders take the node's {@code state.cluster.*} settings (its bind address and
 * port, the members). A member that joins a cluster already running drops what its own file stores
 * hold of the clustered caches before they start and takes the cluster's state instead: what it kept
 * from before its crash is older than the cluster's, and an entry removed meanwhile (a released home
 * address) must not come back. A member that finds nobody running keeps its stores: it is the first.
 */
public final class StateStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateStore.class);

    /** The segments of each local cache, so of its store's index files (Infinispan's default is 256). */
    static final int LOCAL_CACHE_SEGMENTS = 16;

    /** The placeholder of the Infinispan file that names this member in the cluster (default: the node's name). */
    public static final String CLUSTER_NODE = "state.cluster.node";

    /** The placeholder of the Infinispan file, in ms, that bounds how long a member waits at start for its cluster to be a majority. */
    public static final String START_WAIT = "state.cluster.start.wait.ms";

    /** Answers kept for duplicate detection. */
    public static final String ANSWERS = "answers";

    private final EmbeddedCacheManager manager;

    private StateStore(EmbeddedCacheManager manager) {
        this.manager = manager;
    }

    /**
     * Starts a cache manager from {@code configFile}, with persistent stores under {@code dataDirectory}
     * and a cache-manager name unique to {@code nodeName} (several nodes may share one JVM).
     */
    public static StateStore open(Path configFile, Path dataDirectory, String nodeName) {
        return open(configFile, dataDirectory, nodeName, Map.of(), LOCAL_CACHE_SEGMENTS);
    }

    /**
     * As {@link #open(Path, Path, String)}, the file's {@code ${name}} placeholders taking {@code properties}
     * (a node's {@code state.cluster.*} settings); {@value #CLUSTER_NODE} defaults to {@code nodeName}.
     */
    public static StateStore open(Path configFile, Path dataDirectory, String nodeName, Map<String, String> properties) {
        return open(configFile, dataDirectory, nodeName, properties, LOCAL_CACHE_SEGMENTS);
    }

    /** As {@link #open(Path, Path, String)}, each local cache in {@code localCacheSegments} segments. */
    static StateStore open(Path configFile, Path dataDirectory, String nodeName, int localCacheSegments) {
        return open(configFile, dataDirectory, nodeName, Map.of(), localCacheSegments);
    }

    private static StateStore open(Path configFile, Path dataDirectory, String nodeName, Map<String, String> properties,
                                   int localCacheSegments) {
        Properties values = new Properties();
        values.setProperty(CLUSTER_NODE, nodeName);
        values.putAll(properties);
        ConfigurationBuilderHolder holder;
        try {
            holder = new ParserRegistry(StateStore.class.getClassLoader(), false, values).parse(configFile.toUri().toURL());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Infinispan configuration " + configFile, e);
        }
        // Infinispan 15's soft-index file store keeps an index file per cache segment, and a local cache
        // has 256 (the XML cannot set a local cache's segments): 24 stores made some 6,000 files per node,
        // and opening them took most of a node's start
        Map<String, ConfigurationBuilder> clusteredWithStores = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigurationBuilder> named : holder.getNamedConfigurationBuilders().entrySet()) {
            ConfigurationBuilder cache = named.getValue();
            if (!cache.clustering().cacheMode().isClustered()) {
                cache.clustering().hash().numSegments(localCacheSegments);
            } else if (!cache.persistence().stores().isEmpty()) {
                clusteredWithStores.put(named.getKey(), cache);
            }
        }
        // started once the member knows whether it joins a running cluster (see the class comment)
        clusteredWithStores.keySet().forEach(holder.getNamedConfigurationBuilders()::remove);
        GlobalConfigurationBuilder global = holder.getGlobalConfigurationBuilder();
        global.cacheManagerName(nodeName);
        global.jmx().enabled(false);
        global.globalState().enable().persistentLocation(dataDirectory.toAbsolutePath().toString())
                .sharedPersistentLocation(dataDirectory.toAbsolutePath().toString())
                .temporaryLocation(dataDirectory.resolve("tmp").toAbsolutePath().toString());
        DefaultCacheManager manager = new DefaultCacheManager(holder, true);
        StateStore store = new StateStore(manager);
        try {
            startClusteredCaches(manager, clusteredWithStores, global);
            store.awaitAvailable(Duration.ofMillis(Long.parseLong(values.getProperty(START_WAIT, "30000"))));
        } catch (RuntimeException | InterruptedException e) {
            manager.stop();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("interrupted while starting the state store", e);
        }
        return store;
    }

    /**
     * Waits, at most {@code limit}, until every clustered cache takes reads and writes: a member that
     * starts while the others it joins are still a minority (they come back after an outage one by
     * one) would otherwise fail on its first read. After {@code limit} it starts anyway, answering 3004
     * and not ready until the cluster is whole enough.
     */
    private void awaitAvailable(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> unavailable = unavailableCaches();
        while (!unavailable.isEmpty() && System.nanoTime() < deadline) {
            // polled, not listened for (@PartitionStatusChanged, per cache): this runs once, at start
            Thread.sleep(100);
            unavailable = unavailableCaches();
        }
        if (!unavailable.isEmpty()) {
            log.warn("state store {} started with caches unavailable (a minority of its cluster): {}",
                    manager.getCacheManagerConfiguration().cacheManagerName(), unavailable);
        }
    }

    private static void startClusteredCaches(DefaultCacheManager manager, Map<String, ConfigurationBuilder> caches,
                                             GlobalConfigurationBuilder global) {
        if (caches.isEmpty()) {
            return;
        }
        List<Address> members = manager.getMembers();
        // the oldest member (the coordinator) keeps its stores: when members start together, one of them
        // must, and after an outage it is the one started first
        boolean joining = members != null && members.size() > 1 && !manager.isCoordinator();
        if (joining) {
            log.info("state store {} joins a running cluster of {}: its clustered caches take the cluster's state, "
                    + "not what its own stores kept", manager.getCacheManagerConfiguration().cacheManagerName(), members);
        }
        for (Map.Entry<String, ConfigurationBuilder> cache : caches.entrySet()) {
            if (joining) {
                cache.getValue().persistence().stores().forEach(store -> store.preload(false).purgeOnStartup(true));
            }
            manager.defineConfiguration(cache.getKey(), cache.getValue().build(global.build()));
            // started now, each waiting for its state, so that a member serves only once it has it
            manager.getCache(cache.getKey());
        }
    }

    /** The members of this store's cluster, this one included; only this one when it is not clustered. */
    public List<String> members() {
        List<Address> members = manager.getMembers();
        return members == null ? List.of(manager.getCacheManagerConfiguration().cacheManagerName())
                : members.stream().map(Object::toString).toList();
    }

    public <K, V> Cache<K, V> cache(String name) {
        return manager.getCache(name);
    }

    /** True while the store serves reads and writes (started, not stopping or failed). */
    public boolean isRunning() {
        return manager.getStatus().allowInvocations();
    }

    /**
     * The clustered caches that refuse reads and writes now: this member is in a partition holding half
     * of the last stable cluster or less (docs/ARCHITECTURE.md "Clustered state"). Empty for a store
     * alone, and for a member of the majority.
     */
    public List<String> unavailableCaches() {
        return manager.getCacheNames().stream().sorted()
                .filter(name -> manager.isRunning(name))
                .filter(name -> manager.getCache(name).getAdvancedCache().getAvailability() != AvailabilityMode.AVAILABLE)
                .toList();
    }

    /**
     * Whether {@code failure} (or a cause of it) is a clustered cache refusing an operation because this
     * member is in a minority partition: the request may succeed at another member, nothing was written.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AvailabilityException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        manager.stop();
    }
}
