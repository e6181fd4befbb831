package org.mipaaa.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which slice of the loopback port pool this JVM draws from ({@link LoopbackSetup#freePort}): the first
 * slice whose lock file ({@code mip-aaa-ports-<n>.lock} in the temporary directory) no other process
 * holds. The lock is an OS file lock, released when the JVM ends, whatever way it ends.
 */
final class PortSlice {

    /** The claimed locks, held (and reachable, so never collected and released) for the life of the JVM. */
    private static final java.util.List<FileLock> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();

    private PortSlice() {
    }

    /** The index of the slice claimed, 0 to {@code slices - 1}; a random one if every slice is held. */
    static synchronized int claim(int slices) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < slices; i++) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(dir.resolve("mip-aaa-ports-" + i + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    HELD.add(lock);
                    return i;
                }
                channel.close();
            } catch (IOException | OverlappingFileLockException e) {
                closeQuietly(channel);
            }
        }
        return ThreadLocalRandom.current().nextInt(slices); // more JVMs than slices: share one
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked through it
            }
        }
    }
}
