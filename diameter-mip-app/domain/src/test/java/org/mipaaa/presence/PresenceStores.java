package org.mipaaa.presence;

import java.nio.file.Path;

import org.mipaaa.state.StateStore;

/** Opens a node's real embedded Infinispan from the shipped config/infinispan.xml. */
final class PresenceStores {

    static final Path CONFIG = Path.of("../../config/infinispan.xml");

    private PresenceStores() {
    }

    static StateStore open(Path dataDirectory) {
        return StateStore.open(CONFIG, dataDirectory, "presence-test-" + System.nanoTime());
    }
}
