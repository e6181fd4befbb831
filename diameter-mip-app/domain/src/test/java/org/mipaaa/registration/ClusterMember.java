package org.mipaaa.registration;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.state.StateStore;

/**
 * One AAAH process of a cluster, run in a child JVM by {@link ClusteredPoolTest}: opens the shipped
 * config/infinispan-cluster.xml with the member's address, then obeys the commands the test writes on
 * its standard input, one per line, and reports on standard output only what the store returned:
 * <ul>
 * <li>{@code allocate PREFIX FROM TO}: allocates a home address to PREFIX-k@home.example for k in
 *     [FROM, TO), printing {@code ACK nai address} after each;</li>
 * <li>{@code release PREFIX FROM TO STEP}: releases every STEP-th of them, {@code REL nai} after each;</li>
 * <li>{@code dump PREFIX... TO}: {@code HOLDS nai address} (or {@code NONE nai}) for k below TO of each prefix;</li>
 * <li>{@code members}: {@code MEMBERS n}.</li>
 * </ul>
 * Each command ends with {@code DONE command}. Killed by the test with SIGKILL, it closes nothing.
 */
public final class ClusterMember {

    private ClusterMember() {
    }

    static String nai(String prefix, int k) {
        return prefix + "-" + k + "@home.example";
    }

    public static void main(String[] args) throws Exception {
        // args: config, data directory, member name, bind port, fd offset, members, address range, bootstrap
        StateStore store = StateStore.open(Path.of(args[0]), Path.of(args[1]), args[2], Map.of(
                "state.cluster.bind.address", "127.0.0.1", "state.cluster.bind.port", args[3],
                "state.cluster.fd.offset", args[4], "state.cluster.members", args[5], "state.cluster.name", "pool-test",
                StateStore.BOOTSTRAP, args[7]));
        InfinispanHomeAddressPool pool = InfinispanHomeAddressPool.in(store, AddressRange.parse(args[6]));
        System.out.println("READY " + store.members().size());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] c = line.split(" ");
            switch (c[0]) {
                case "allocate" -> {
                    for (int k = Integer.parseInt(c[2]); k < Integer.parseInt(c[3]); k++) {
                        Inet4Address a = pool.allocate(nai(c[1], k)).orElseThrow();
                        System.out.println("ACK " + nai(c[1], k) + " " + Ipv4.format(a) + " " + System.currentTimeMillis());
                        System.out.flush();
                    }
                }
                case "release" -> {
                    for (int k = Integer.parseInt(c[2]); k < Integer.parseInt(c[3]); k += Integer.parseInt(c[4])) {
                        pool.release(nai(c[1], k));
                        System.out.println("REL " + nai(c[1], k));
                    }
                }
                case "dump" -> {
                    int to = Integer.parseInt(c[c.length - 1]);
                    for (int p = 1; p < c.length - 1; p++) {
                        for (int k = 0; k < to; k++) {
                            String nai = nai(c[p], k);
                            System.out.println(pool.addressOf(nai).map(a -> "HOLDS " + nai + " " + Ipv4.format(a))
                                    .orElse("NONE " + nai));
                        }
                    }
                }
                case "members" -> System.out.println("MEMBERS " + store.members().size());
                default -> System.out.println("UNKNOWN " + line);
            }
            System.out.println("DONE " + c[0]);
            System.out.flush();
        }
        store.close();
    }
}
