package org.mipaaa.registration;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.state.StateStore;

/**
 * Run in a child JVM by {@link KilledNodeTest}: allocates home addresses and creates bindings,
 * acknowledges each on standard output once the store returned, then dies without closing anything
 * (as {@code kill -9} would).
 */
public final class KilledNode {

    static final int MOBILE_NODES = 20;
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private KilledNode() {
    }

    static String nai(int i) {
        return "mn" + i + "@home.example";
    }

    static MobilityBinding binding(Inet4Address homeAddress, String nai) {
        return MobilityBinding.registered(homeAddress, nai, Ipv4.parse("192.0.2.50"), Ipv4.parse("10.1.0.1"),
                Duration.ofSeconds(1800), T0, new MnHaSecurityAssociation(256, 257, AuthAlgorithm.HMAC_MD5, new byte[16]),
                Identification.ntpTimestamp(T0, 0), "ha;" + nai, "aaah;" + nai);
    }

    public static void main(String[] args) {
        StateStore store = StateStore.open(Path.of(args[0]), Path.of(args[1]), "killed-node");
        InfinispanHomeAddressPool pool = InfinispanHomeAddressPool.in(store, AddressRange.parse(args[2]));
        BindingTable bindings = InfinispanBindingTable.in(store);
        for (int i = 0; i < MOBILE_NODES; i++) {
            Inet4Address a = pool.allocate(nai(i)).orElseThrow();
            if (!bindings.create(binding(a, nai(i)))) {
                throw new IllegalStateException("binding exists for " + a);
            }
            System.out.println("ACK " + nai(i) + " " + Ipv4.format(a));
        }
        System.out.flush();
        Runtime.getRuntime().halt(77);
    }
}
