package org.mipaaa.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.infinispan.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state store gives its local caches {@link StateStore#LOCAL_CACHE_SEGMENTS} segments, not
 * Infinispan's 256: fewer index files per persistent cache, and what a node wrote with 256 (the builds
 * before) it still reads.
 */
class StateStoreTest {

    private static final Path CONFIG = Path.of("../../config/infinispan.xml");
    /** A persistent cache of config/infinispan.xml. */
    private static final String PERSISTENT = "home-sessions";

    @TempDir
    Path dir;

    @Test
    void whatANodeStoredWithInfinispansDefaultSegmentsItReadsAfterTheChange() {
        try (StateStore before = StateStore.open(CONFIG, dir, "before", 256)) {
            Cache<String, String> cache = before.cache(PERSISTENT);
            for (int i = 0; i < 500; i++) {
                cache.put("mn" + i + "@home.example", "session " + i);
            }
        }

        try (StateStore after = StateStore.open(CONFIG, dir, "after")) {
            Cache<String, String> cache = after.cache(PERSISTENT);

            assertThat(cache.size()).isEqualTo(500);
            for (int i = 0; i < 500; i++) {
                assertThat(cache.get("mn" + i + "@home.example")).isEqualTo("session " + i);
            }
            cache.put("mn500@home.example", "session 500");
        }
        try (StateStore again = StateStore.open(CONFIG, dir, "again")) {
            assertThat(again.<String, String>cache(PERSISTENT).get("mn500@home.example")).isEqualTo("session 500");
            assertThat(again.<String, String>cache(PERSISTENT).get("mn7@home.example")).isEqualTo("session 7");
        }
    }

    @Test
    void aPersistentCacheKeepsAnIndexFilePerSegmentOfItsOwn() throws Exception {
        try (StateStore store = StateStore.open(CONFIG, dir, "files")) {
            store.<String, String>cache(PERSISTENT).put("mn1@home.example", "session 1");
        }
        long files;
        try (var walk = java.nio.file.Files.walk(dir.resolve(PERSISTENT))) {
            files = walk.filter(java.nio.file.Files::isRegularFile).count();
        }
        // an index file per segment and a few more (data log, index statistics), far below 256
        assertThat(files).isBetween((long) StateStore.LOCAL_CACHE_SEGMENTS, (long) StateStore.LOCAL_CACHE_SEGMENTS + 16);
    }
}
