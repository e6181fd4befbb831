package org.mipaaa.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
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
 * address) must not come back.
 *
 * <p>Only a member started with {@value #BOOTSTRAP}=true may form the cluster, keeping its stores, when
 * it finds none running: a member that found nobody within JGroups' discovery (six JVMs starting on two
 * cores) would otherwise form a cluster of its own beside the real one, serve from its old stores, and
 * merge back later. The others look for a running cluster, one whose members hold the replicated
 * {@value #FORMATION} entry its first member wrote once its caches had started, and start their
 * channel again while they find none, for at most {@value #JOIN_WAIT} ms; then they fail to start.
 */
public final class StateStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateStore.class);

    /** The segments of each local cache, so of its store's index files (Infinispan's default is 256). */
    static final int LOCAL_CACHE_SEGMENTS = 16;

    /** The placeholder of the Infinispan file that names this member in the cluster (default: the node's name). */
    public static final String CLUSTER_NODE = "state.cluster.node";

    /** The placeholder of the Infinispan file, in ms, that bounds how long a member waits at start for its cluster to be a majority. */
    public static final String START_WAIT = "state.cluster.start.wait.ms";

    /** The setting that lets this member form the cluster when it finds none running (default false). */
    public static final String BOOTSTRAP = "state.cluster.bootstrap";

    /** The setting, in ms, that bounds how long a member looks for a running cluster before it fails to start. */
    public static final String JOIN_WAIT = "state.cluster.join.wait.ms";

    /**
     * The replicated, in-memory cache whose one entry says the cluster was formed: present in every
     * member of a running cluster, absent from members that are only looking for one.
     */
    static final String FORMATION = "cluster-formation";

    private static final String FORMED = "formed";

    /** How long a member looking for the cluster keeps one channel before it starts discovery again. */
    private static final Duration DISCOVERY_ATTEMPT = Duration.ofSeconds(4);

    /**
     * The ending of a setting that names a file holding a secret (the cluster's TLS key and trust store
     * passwords): the file's content becomes the placeholder named without the ending.
     */
    static final String PASSWORD_FILE_SUFFIX = ".password.file";

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
        // secrets are read here, into the parser's values only, so that no settings object carries them
        for (String key : properties.keySet()) {
            if (key.endsWith(PASSWORD_FILE_SUFFIX)) {
                values.setProperty(key.substring(0, key.length() - ".file".length()), readSecret(Path.of(properties.get(key))));
            }
        }
        Parsed parsed = parse(configFile, dataDirectory, nodeName, values, localCacheSegments);
        boolean bootstrap = Boolean.parseBoolean(values.getProperty(BOOTSTRAP, "false"));
        long joinDeadline = System.nanoTime() + Duration.ofMillis(Long.parseLong(values.getProperty(JOIN_WAIT, "60000"))).toNanos();
        DefaultCacheManager manager = new DefaultCacheManager(parsed.holder(), true);
        try {
            if (manager.getMembers() != null && !parsed.clusteredWithStores().isEmpty()) {
                manager = joinOrForm(manager, parsed,
                        () -> parse(configFile, dataDirectory, nodeName, values, localCacheSegments), bootstrap, joinDeadline, nodeName);
            }
            StateStore store = new StateStore(manager);
            store.awaitAvailable(Duration.ofMillis(Long.parseLong(values.getProperty(START_WAIT, "30000"))));
            return store;
        } catch (RuntimeException | InterruptedException e) {
            manager.stop();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("interrupted while starting the state store", e);
        }
    }

    private static String readSecret(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password file " + file, e);
        }
    }

    /** A parsed configuration: the holder to start a manager from, and the clustered caches with stores, left out of it. */
    private record Parsed(ConfigurationBuilderHolder holder, Map<String, ConfigurationBuilder> clusteredWithStores) {
    }

    private static Parsed parse(Path configFile, Path dataDirectory, String nodeName, Properties values, int localCacheSegments) {
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
        return new Parsed(holder, clusteredWithStores);
    }

    /**
     * Starts the clustered caches with stores once this member found a running cluster to join, or may
     * form one (see the class comment); returns the cache manager it ended with (discovery may have been
     * started again under a new one).
     */
    private static DefaultCacheManager joinOrForm(DefaultCacheManager first, Parsed firstParsed, Supplier<Parsed> parseAgain,
                                                  boolean bootstrap, long joinDeadline, String nodeName) throws InterruptedException {
        DefaultCacheManager manager = first;
        Parsed parsed = firstParsed;
        try {
            while (true) {
                manager.defineConfiguration(FORMATION, new ConfigurationBuilder().clustering().cacheMode(CacheMode.REPL_SYNC).build());
                Cache<String, String> formation = manager.getCache(FORMATION);
                long attemptEnd = System.nanoTime() + DISCOVERY_ATTEMPT.toNanos()
                        + ThreadLocalRandom.current().nextLong(Duration.ofSeconds(2).toNanos());
                while (System.nanoTime() < Math.min(attemptEnd, joinDeadline)) {
                    String formed = formation.get(FORMED);
                    if (formed != null) {
                        log.info("state store {} joins the running cluster {} (formed by {}): its clustered caches take the "
                                + "cluster's state, not what its own stores kept", nodeName, manager.getMembers(), formed);
                        startClusteredCaches(manager, parsed, true);
                        return manager;
                    }
                    // the oldest member forms it: of two members started with bootstrap at once, one keeps its stores
                    if (bootstrap && (manager.getMembers().size() == 1 || manager.isCoordinator())) {
                        log.info("state store {} forms the cluster, keeping its stores (members now: {})", nodeName, manager.getMembers());
                        startClusteredCaches(manager, parsed, false);
                        formation.put(FORMED, nodeName + " at " + Instant.now());
                        return manager;
                    }
                    // polled, not listened for: this runs once, at start
                    Thread.sleep(100);
                }
                List<Address> seen = manager.getMembers();
                manager.stop();
                if (System.nanoTime() >= joinDeadline) {
                    throw new IllegalStateException("state store " + nodeName + " found no running cluster to join (members seen: "
                            + seen + "); start a member with " + BOOTSTRAP + "=true first: the one that stopped last");
                }
                // a cluster formed by members that missed each other's discovery: look again on a new channel
                log.info("state store {} found no running cluster among {}; it starts discovery again", nodeName, seen);
                // parsed again: a configuration starts one transport, and JGroups consumes its stack's
                // settings (a second channel from them lost its bind address)
                parsed = parseAgain.get();
                manager = new DefaultCacheManager(parsed.holder(), true);
            }
        } catch (RuntimeException | InterruptedException e) {
            // the caller stops the first manager; a later one is this method's
            if (manager != first) {
                manager.stop();
            }
            throw e;
        }
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

    private static void startClusteredCaches(DefaultCacheManager manager, Parsed parsed, boolean joining) {
        GlobalConfigurationBuilder global = parsed.holder().getGlobalConfigurationBuilder();
        for (Map.Entry<String, ConfigurationBuilder> cache : parsed.clusteredWithStores().entrySet()) {
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
