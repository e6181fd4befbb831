package org.mipaaa.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.parsing.ConfigurationBuilderHolder;
import org.infinispan.configuration.parsing.ParserRegistry;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * A node's state in embedded Infinispan, configured by an Infinispan XML file (config/infinispan.xml).
 * Each node of a process gets its own cache manager, with its own persistent-store directory, so the
 * roles of the demo do not share state they would not share on separate hosts. Clustering AAAH nodes
 * is a matter of that file (a transport and distributed caches), not of code.
 */
public final class StateStore implements AutoCloseable {

    /** The segments of each local cache, so of its store's index files (Infinispan's default is 256). */
    static final int LOCAL_CACHE_SEGMENTS = 16;

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
        return open(configFile, dataDirectory, nodeName, LOCAL_CACHE_SEGMENTS);
    }

    /** As {@link #open(Path, Path, String)}, each local cache in {@code localCacheSegments} segments. */
    static StateStore open(Path configFile, Path dataDirectory, String nodeName, int localCacheSegments) {
        ConfigurationBuilderHolder holder;
        try {
            holder = new ParserRegistry().parse(configFile.toUri().toURL());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Infinispan configuration " + configFile, e);
        }
        // Infinispan 15's soft-index file store keeps an index file per cache segment, and a local cache
        // has 256 (the XML cannot set a local cache's segments): 24 stores made some 6,000 files per node,
        // and opening them took most of a node's start
        for (ConfigurationBuilder cache : holder.getNamedConfigurationBuilders().values()) {
            if (!cache.clustering().cacheMode().isClustered()) {
                cache.clustering().hash().numSegments(localCacheSegments);
            }
        }
        GlobalConfigurationBuilder global = holder.getGlobalConfigurationBuilder();
        global.cacheManagerName(nodeName);
        global.jmx().enabled(false);
        global.globalState().enable().persistentLocation(dataDirectory.toAbsolutePath().toString())
                .sharedPersistentLocation(dataDirectory.toAbsolutePath().toString())
                .temporaryLocation(dataDirectory.resolve("tmp").toAbsolutePath().toString());
        DefaultCacheManager manager = new DefaultCacheManager(holder, true);
        return new StateStore(manager);
    }

    public <K, V> Cache<K, V> cache(String name) {
        return manager.getCache(name);
    }

    /** True while the store serves reads and writes (started, not stopping or failed). */
    public boolean isRunning() {
        return manager.getStatus().allowInvocations();
    }

    @Override
    public void close() {
        manager.stop();
    }
}
