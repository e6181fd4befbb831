package org.mipaaa.it.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program the interop tests drive (freeDiameterd, dumpcap, tshark), with its stdout and stderr in one
 * log file. Every wait is bounded; {@link #close()} ends the process (SIGTERM, then SIGKILL) and never
 * hangs.
 */
public final class ExternalProcess implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final List<String> command;
    private final Process process;
    private final Path log;

    private ExternalProcess(List<String> command, Process process, Path log) {
        this.command = command;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with {@code env} added to this JVM's environment; output goes to {@code log}. */
    public static ExternalProcess start(List<String> command, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new ExternalProcess(command, builder.start(), log);
    }

    /**
     * Runs {@code command} to its end: stdout to {@code out}, stderr to {@code err}. Returns the exit
     * code; fails when it runs longer than {@code timeout} (the process is killed).
     */
    public static int run(List<String> command, Map<String, String> env, Path out, Path err, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(command.get(0) + " did not finish within " + timeout + ": " + command);
        }
        return p.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Everything the process has written so far. */
    public String output() {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the output contains {@code text}; false when {@code timeout} passes or the process
     * exits without having written it.
     */
    public boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(text);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until a line of the output matches {@code match} and returns it; empty when {@code timeout}
     * passes or the process exits first.
     */
    public java.util.Optional<String> awaitLine(java.util.function.Predicate<String> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean alive = process.isAlive();
            java.util.Optional<String> line = output().lines().filter(match).findFirst();
            if (line.isPresent() || !alive || System.nanoTime() > deadline) {
                return line;
            }
            Thread.sleep(100);
        }
    }

    /** Waits up to {@code timeout} for the process to end by itself: its exit code, or empty while it still runs. */
    public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /**
     * Asks the process to end (SIGTERM) and waits up to {@code grace}; kills it (SIGKILL) when it is still
     * there. Returns its exit code, or -1 when it had to be killed.
     */
    public int stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        return -1;
    }

    @Override
    public void close() {
        try {
            stop(GRACE);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command) + " (pid " + process.pid() + ", log " + log + ")";
    }
}
