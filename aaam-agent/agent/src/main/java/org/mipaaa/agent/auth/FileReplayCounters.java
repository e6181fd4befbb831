package org.mipaaa.agent.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replay counters in a small text file ("outgoing incoming", incoming as {@link ReplayWindow#encode}), written to a temporary file, forced to
 * disk and moved over the old one before a counter is used or accepted: a crash never makes the agent
 * reuse a counter. Outgoing counters also never fall below {@link ReplayCounters#clockFloor()}.
 *
 * <p>Thread-safe (each operation synchronized and durable before it returns); one instance per file: two processes on one file would reuse counters.
 */
public final class FileReplayCounters implements ReplayCounters {

    /** The longest counter file read: a counter, a space, a window of 65 counters (20 characters each at most), a newline. */
    static final int MAX_FILE_LENGTH = 1536;

    private final Path file;
    private long lastOutgoing;
    private ReplayWindow incoming = ReplayWindow.empty();

    /** Reads {@code file} if it exists (a missing file starts from zero). */
    public FileReplayCounters(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            // a counter and a window: anything much longer is not this file, and is not read whole
            if (Files.size(file) > MAX_FILE_LENGTH) {
                throw new IOException(file + " is not a replay counter file: " + Files.size(file) + " octets");
            }
            String[] values = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim().split("\\s+");
            if (values.length != 2) {
                throw new IOException(file + " is not a replay counter file");
            }
            try {
                lastOutgoing = Long.parseLong(values[0]);
                incoming = ReplayWindow.decode(values[1]);
            } catch (NumberFormatException e) {
                throw new IOException(file + " is not a replay counter file", e);
            }
        }
    }

    @Override
    public synchronized long nextOutgoing() throws IOException {
        long next = Math.max(lastOutgoing + 1, ReplayCounters.clockFloor());
        write(next, incoming);
        lastOutgoing = next;
        return next;
    }

    @Override
    public synchronized boolean acceptIncoming(long counter) throws IOException {
        java.util.Optional<ReplayWindow> next = incoming.accept(counter);
        if (!next.isPresent()) {
            return false;
        }
        write(lastOutgoing, next.get());
        incoming = next.get();
        return true;
    }

    private void write(long outgoing, ReplayWindow incoming) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap((outgoing + " " + incoming.encode() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
