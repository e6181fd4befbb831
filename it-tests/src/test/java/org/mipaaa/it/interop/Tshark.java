package org.mipaaa.it.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.security.auth.module.UnixSystem;

/**
 * tshark reading one capture, with a Wireshark data directory of its own: a copy of the stock
 * {@code /usr/share/wireshark} whose {@code diameter/Custom.xml} is our dictionary. Nothing under
 * {@code /usr/share/wireshark} is changed.
 *
 * <p>Wireshark 4.0 reads its data files from {@code WIRESHARK_DATA_DIR} when that is set, but ignores
 * the variable when the process runs with "special privileges", which on Linux includes a real or
 * effective uid or gid of 0 ({@code started_with_special_privs()}). Reading a capture needs no
 * privileges, so as root tshark runs as nobody ({@code setpriv --reuid=65534 --regid=65534
 * --clear-groups}); the data directory and the capture are made world-readable for it.
 */
final class Tshark implements AutoCloseable {

    static final Path STOCK_DATA_DIR = Path.of("/usr/share/wireshark");
    static final String TSHARK = "/usr/bin/tshark";
    private static final long NOBODY = 65534;

    private final Path dataDir;
    private final Path pcap;
    private final List<Integer> diameterPorts;
    private final Path output;

    private Tshark(Path dataDir, Path pcap, Collection<Integer> diameterPorts, Path output) {
        this.dataDir = dataDir;
        this.pcap = pcap;
        this.diameterPorts = List.copyOf(diameterPorts);
        this.output = output;
    }

    /**
     * tshark with {@code customXml} as {@code diameter/Custom.xml} of a private copy of the stock data
     * directory; {@code diameterPorts} are decoded as Diameter; outputs are written under {@code output}.
     */
    static Tshark withCustomDictionary(InputStream customXml, Path pcap, Collection<Integer> diameterPorts, Path output)
            throws IOException {
        Path dir = Files.createTempDirectory("mip-aaa-wireshark-data");
        Tshark tshark = new Tshark(dir, pcap, diameterPorts, output);
        try {
            try (var entries = Files.list(STOCK_DATA_DIR)) {
                for (Path entry : entries.toList()) {
                    if (!entry.getFileName().toString().equals("diameter")) {
                        Files.createSymbolicLink(dir.resolve(entry.getFileName().toString()), entry);
                    }
                }
            }
            Path diameter = Files.createDirectory(dir.resolve("diameter"));
            try (var files = Files.list(STOCK_DATA_DIR.resolve("diameter"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, diameter.resolve(file.getFileName().toString()));
                }
            }
            Files.copy(customXml, diameter.resolve("Custom.xml"), StandardCopyOption.REPLACE_EXISTING);
            worldReadable(dir);
            return tshark;
        } catch (IOException | RuntimeException e) {
            tshark.close();
            throw e;
        }
    }

    /** tshark as installed, run as this user: the stock data directory, without our dictionary (the control run). */
    static Tshark stock(Path pcap, Collection<Integer> diameterPorts, Path output) {
        return new Tshark(null, pcap, diameterPorts, output);
    }

    /** True when this JVM runs as root, so tshark must drop to nobody to honour WIRESHARK_DATA_DIR. */
    static boolean runningAsRoot() {
        UnixSystem unix = new UnixSystem();
        return unix.getUid() == 0 || unix.getGid() == 0;
    }

    /**
     * Runs tshark on the capture with {@code args}; its stdout goes to {@code <output>/<name>}, stderr to
     * {@code <output>/<name>.stderr}. Fails unless it exits 0 within {@code timeout}.
     */
    Path run(String name, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (dataDir != null && runningAsRoot()) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        command.addAll(List.of(TSHARK, "-n", "-r", pcap.toAbsolutePath().toString()));
        for (int port : diameterPorts) {
            command.addAll(List.of("-d", "tcp.port==" + port + ",diameter"));
        }
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("TZ", "UTC"); // Time AVPs are shown in local time
        if (dataDir != null) {
            env.put("WIRESHARK_DATA_DIR", dataDir.toString());
            // nobody's own home does not exist; keep tshark's personal configuration out of the way too
            env.put("HOME", dataDir.toString());
        }
        Path out = output.resolve(name);
        Path err = output.resolve(name + ".stderr");
        int exit = ExternalProcess.run(command, env, out, err, timeout);
        if (exit != 0) {
            throw new AssertionError("tshark exited " + exit + ": " + String.join(" ", command) + "\n" + Files.readString(err));
        }
        return out;
    }

    /** The private data directory (null for the stock one). */
    Path dataDir() {
        return dataDir;
    }

    static void worldReadable(Path path) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes the private data directory (the symbolic links only, never what they point to). */
    @Override
    public void close() throws IOException {
        if (dataDir == null) {
            return;
        }
        try (var walk = Files.walk(dataDir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
