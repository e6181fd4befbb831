package org.mipaaa.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local addresses of a process's TCP and UDP sockets, read from /proc (Linux): which of its sockets
 * are bound outside 127.0.0.0/8 or ::1. For tests that must keep every socket on the loopback.
 */
public final class LoopbackSockets {

    private LoopbackSockets() {
    }

    /** The sockets of process {@code pid} bound to an address outside the loopback, as "proto address:port". */
    public static List<String> outsideLoopback(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listed has no socket left to check
                }
            }
        }
        List<String> outside = new ArrayList<>();
        for (String proto : List.of("tcp", "tcp6", "udp", "udp6")) {
            sockets(proto).forEach((inode, local) -> {
                if (inodes.contains(inode) && !isLoopback(local)) {
                    outside.add(proto + " " + local);
                }
            });
        }
        return outside;
    }

    /** How many TCP and UDP sockets process {@code pid} has (so that a check of none is not vacuous). */
    public static int count(long pid) throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:[");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private static Map<String, String> sockets(String proto) throws IOException {
        Map<String, String> byInode = new HashMap<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/net", proto));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            byInode.put(f[9], f[1]);
        }
        return byInode;
    }

    /** {@code local} as /proc/net writes it: hex address (IPv4 little-endian words) ':' hex port. */
    static boolean isLoopback(String local) {
        String address = local.substring(0, local.indexOf(':'));
        if (address.length() == 8) {
            return address.endsWith("7F");
        }
        return address.equals("00000000000000000000000001000000")
                || address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F");
    }
}
