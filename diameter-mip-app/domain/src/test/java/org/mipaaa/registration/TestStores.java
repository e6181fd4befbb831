package org.mipaaa.registration;

import java.nio.file.Path;

import org.mipaaa.state.StateStore;

/** Opens a node's real embedded Infinispan from the shipped config/infinispan.xml. */
final class TestStores {

    static final Path CONFIG = Path.of("../../config/infinispan.xml");

    private TestStores() {
    }

    static StateStore open(Path dataDirectory) {
        return StateStore.open(CONFIG, dataDirectory, "registration-test-" + System.nanoTime());
    }
}
