package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.state.StateStore;

/** The home agent's expiry sweep over bindings on real embedded Infinispan. */
class BindingExpiryTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final MnHaSecurityAssociation MN_HA = new MnHaSecurityAssociation(0x1_0000, 0xFFFF_FFF0L,
            AuthAlgorithm.HMAC_MD5, HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));

    @TempDir
    Path data;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final List<MobilityBinding> told = new CopyOnWriteArrayList<>();
    private StateStore store;
    private BindingTable table;

    @BeforeEach
    void open() {
        store = TestStores.open(data);
        table = InfinispanBindingTable.in(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static MobilityBinding binding(String homeAddress, String nai, Duration lifetime) {
        return MobilityBinding.registered(Ipv4.parse(homeAddress), nai, Ipv4.parse("192.0.2.50"), Ipv4.parse("10.1.0.1"),
                lifetime, T0, MN_HA, Identification.ntpTimestamp(T0, 1), "ha.home.example;mip;" + nai,
                "aaah.home.example;har;" + nai);
    }

    @Test
    void aBindingPastItsLifetimeIsRemovedAndListenersAreToldWhileALiveOneStays() {
        MobilityBinding shortLived = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(30));
        MobilityBinding longLived = binding("10.1.0.11", "mn2@home.example", Duration.ofSeconds(1800));
        table.create(shortLived);
        table.create(longLived);
        try (BindingExpiry expiry = new BindingExpiry(table, clock, Duration.ofHours(1), "ha")) {
            expiry.addListener((b, reason) -> told.add(b));

            assertThat(expiry.sweep()).isZero(); // nothing has expired yet
            now.set(T0.plusSeconds(31));
            assertThat(expiry.sweep()).isEqualTo(1);
            assertThat(expiry.sweep()).isZero(); // removed once, told once
        }
        assertThat(told).containsExactly(shortLived);
        assertThat(table.find(Ipv4.parse("10.1.0.10"))).isEmpty();
        assertThat(table.find(Ipv4.parse("10.1.0.11"))).contains(longLived);
    }

    @Test
    void aBindingRenewedBeforeTheSweepIsKept() {
        MobilityBinding first = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(30));
        table.create(first);
        MobilityBinding renewed = first.renewed(Ipv4.parse("198.51.100.9"), Duration.ofSeconds(300), T0.plusSeconds(29),
                Identification.ntpTimestamp(T0.plusSeconds(29), 0));
        assertThat(table.replace(first, renewed)).isTrue();
        try (BindingExpiry expiry = new BindingExpiry(table, clock, Duration.ofHours(1), "ha")) {
            expiry.addListener((b, reason) -> told.add(b));
            now.set(T0.plusSeconds(31));

            assertThat(expiry.sweep()).isZero();
        }
        assertThat(told).isEmpty();
        assertThat(table.find(Ipv4.parse("10.1.0.10"))).contains(renewed);
    }

    @Test
    void theTimerSweepsWithoutBeingAsked() throws InterruptedException {
        table.create(binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(30)));
        now.set(T0.plusSeconds(60));
        try (BindingExpiry expiry = new BindingExpiry(table, clock, Duration.ofMillis(20), "ha")) {
            expiry.addListener((b, reason) -> told.add(b));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (told.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(told).extracting(MobilityBinding::nai).containsExactly("mn1@home.example");
        assertThat(table.find(Ipv4.parse("10.1.0.10"))).isEmpty();
    }
}
