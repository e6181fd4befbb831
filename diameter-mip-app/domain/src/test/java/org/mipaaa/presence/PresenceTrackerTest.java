package org.mipaaa.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.AuthenticationKind;
import org.mipaaa.mobileip.BusySignal;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.RegistrationBuilder;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.mobileip.RegistrationRequest;
import org.mipaaa.mobileip.RequestFlag;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.registration.BindingEndListener;
import org.mipaaa.registration.BindingExpiry;
import org.mipaaa.registration.BindingTable;
import org.mipaaa.registration.BindingUpdateListener;
import org.mipaaa.registration.InfinispanBindingTable;
import org.mipaaa.registration.MnHaSecurityAssociation;
import org.mipaaa.registration.MobilityBinding;
import org.mipaaa.state.StateStore;

/** Presence from the home agent's binding events, on real embedded Infinispan. */
class PresenceTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final long VENDOR = 32473;
    private static final String NAI = "mn1@home.example";
    private static final MnHaSecurityAssociation MN_HA = new MnHaSecurityAssociation(0x1_0000, 0xFFFF_FFF0L,
            AuthAlgorithm.HMAC_MD5, HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));
    private static final WwwServer WEB = new WwwServer("web", java.net.URI.create("http://127.0.0.1:9/presence"),
            "web-key-0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @TempDir
    Path data;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final List<Presence> notified = new CopyOnWriteArrayList<>();
    private StateStore store;
    private PresenceTracker tracker;

    @BeforeEach
    void open() {
        openStore();
    }

    private void openStore() {
        store = PresenceStores.open(data);
        tracker = new PresenceTracker(PresenceBook.in(store), new PresenceSubscriptions(Map.of(NAI, WEB)), VENDOR, clock,
                notified::add);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static MobilityBinding binding(String careOf, Duration lifetime) {
        return MobilityBinding.registered(Ipv4.parse("10.1.0.20"), NAI, Ipv4.parse(careOf), Ipv4.parse("10.1.0.1"),
                lifetime, T0, MN_HA, Identification.ntpTimestamp(T0, 1), "ha.home.example;mip;1", "aaah.home.example;har;1");
    }

    /** A Registration Request of the node, optionally with the busy extension before its Mobile-Home authenticator. */
    private static RegistrationPacket registration(String careOf, Optional<Boolean> busy, boolean afterTheAuthenticator) {
        RegistrationRequest fixed = RegistrationRequest.of(EnumSet.noneOf(RequestFlag.class), 1800, Ipv4.parse("10.1.0.20"),
                Ipv4.parse("10.1.0.1"), Ipv4.parse(careOf), Identification.ntpTimestamp(T0, 2));
        RegistrationBuilder builder = RegistrationBuilder.request(fixed);
        if (busy.isPresent() && !afterTheAuthenticator) {
            builder.add(BusySignal.extension(VENDOR, busy.get()));
        }
        builder.authenticate(AuthenticationKind.MOBILE_HOME, MN_HA.forRequests());
        if (busy.isPresent() && afterTheAuthenticator) {
            builder.add(BusySignal.extension(VENDOR, busy.get()));
        }
        return builder.build();
    }

    @Test
    void aFirstRegistrationMakesTheNodeVisitingAtItsCareOfAddress() {
        tracker.updated(binding("192.0.2.50", Duration.ofMinutes(30)), registration("192.0.2.50", Optional.empty(), false),
                BindingUpdateListener.Update.CREATED);

        Presence p = tracker.presenceOf(NAI).orElseThrow();
        assertThat(p.state()).isEqualTo(PresenceState.VISITING);
        assertThat(p.careOfAddress()).contains(Ipv4.parse("192.0.2.50"));
        assertThat(p.busy()).isFalse();
        assertThat(p.sequence()).isEqualTo(1);
        assertThat(notified).containsExactly(p);
    }

    @Test
    void aRenewalAtTheSameAddressIsNoChangeAMoveIsOne() {
        MobilityBinding first = binding("192.0.2.50", Duration.ofMinutes(30));
        tracker.updated(first, registration("192.0.2.50", Optional.empty(), false), BindingUpdateListener.Update.CREATED);
        now.set(T0.plusSeconds(600));
        tracker.updated(first.renewed(Ipv4.parse("192.0.2.50"), Duration.ofMinutes(30), now.get(), 3),
                registration("192.0.2.50", Optional.empty(), false), BindingUpdateListener.Update.RENEWED);
        assertThat(notified).hasSize(1);

        tracker.updated(first.renewed(Ipv4.parse("198.51.100.7"), Duration.ofMinutes(30), now.get(), 4),
                registration("198.51.100.7", Optional.empty(), false), BindingUpdateListener.Update.RENEWED);
        assertThat(notified).extracting(Presence::sequence).containsExactly(1L, 2L);
        assertThat(notified.get(1).careOfAddress()).contains(Ipv4.parse("198.51.100.7"));
    }

    @Test
    void eachEndOfABindingIsItsState() {
        MobilityBinding b = binding("192.0.2.50", Duration.ofMinutes(30));
        tracker.updated(b, registration("192.0.2.50", Optional.empty(), false), BindingUpdateListener.Update.CREATED);
        tracker.ended(b, BindingEndListener.Reason.RETURNED_HOME);
        tracker.updated(b, registration("192.0.2.50", Optional.empty(), false), BindingUpdateListener.Update.CREATED);
        tracker.ended(b, BindingEndListener.Reason.DEREGISTERED);
        tracker.updated(b, registration("192.0.2.50", Optional.empty(), false), BindingUpdateListener.Update.CREATED);
        tracker.ended(b, BindingEndListener.Reason.EXPIRED);

        assertThat(notified).extracting(Presence::state).containsExactly(PresenceState.VISITING, PresenceState.AT_HOME,
                PresenceState.VISITING, PresenceState.DEREGISTERED, PresenceState.VISITING, PresenceState.OUT_OF_ZONE);
        assertThat(notified).extracting(Presence::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(notified.get(1).careOfAddress()).isEmpty();
    }

    @Test
    void theBusyExtensionOnARegistrationSetsTheFlagAndARegistrationWithoutItKeepsIt() {
        MobilityBinding b = binding("192.0.2.50", Duration.ofMinutes(30));
        tracker.updated(b, registration("192.0.2.50", Optional.of(true), false), BindingUpdateListener.Update.CREATED);
        assertThat(tracker.presenceOf(NAI).orElseThrow().busy()).isTrue();

        tracker.updated(b, registration("192.0.2.50", Optional.empty(), false), BindingUpdateListener.Update.RENEWED);
        assertThat(tracker.presenceOf(NAI).orElseThrow().busy()).isTrue();

        tracker.updated(b, registration("192.0.2.50", Optional.of(false), false), BindingUpdateListener.Update.RENEWED);
        assertThat(notified).extracting(Presence::busy).containsExactly(true, false);
    }

    @Test
    void aBusyExtensionAfterTheAuthenticatorIsNotTheNodesAndIsIgnored() {
        tracker.updated(binding("192.0.2.50", Duration.ofMinutes(30)), registration("192.0.2.50", Optional.of(true), true),
                BindingUpdateListener.Update.CREATED);
        assertThat(tracker.presenceOf(NAI).orElseThrow().busy()).isFalse();
    }

    @Test
    void setBusyChangesOnlyTheFlagOfAKnownNode() {
        assertThat(tracker.setBusy(NAI, true)).isFalse();
        tracker.updated(binding("192.0.2.50", Duration.ofMinutes(30)), registration("192.0.2.50", Optional.empty(), false),
                BindingUpdateListener.Update.CREATED);

        assertThat(tracker.setBusy(NAI, true)).isTrue();
        assertThat(tracker.setBusy(NAI, true)).isTrue(); // the same again: no change

        assertThat(notified).extracting(Presence::busy).containsExactly(false, true);
        assertThat(notified.get(1).state()).isEqualTo(PresenceState.VISITING);
    }

    @Test
    void aNodeWithNoWwwServerHasAPresenceButNoNotification() {
        String other = "mn2@home.example";
        MobilityBinding b = MobilityBinding.registered(Ipv4.parse("10.1.0.21"), other, Ipv4.parse("192.0.2.51"),
                Ipv4.parse("10.1.0.1"), Duration.ofMinutes(30), T0, MN_HA, 1, "m", "s");
        tracker.updated(b, registration("192.0.2.51", Optional.empty(), false), BindingUpdateListener.Update.CREATED);

        assertThat(tracker.presenceOf(other)).map(Presence::state).contains(PresenceState.VISITING);
        assertThat(notified).isEmpty();
        assertThat(PresenceBook.in(store).withOutbox()).isEmpty();
    }

    @Test
    void outOfZoneAfterARestartOfTheHomeAgent() {
        // visiting, binding stored with a 60 s lifetime; then the home agent stops
        BindingTable table = InfinispanBindingTable.in(store);
        MobilityBinding b = binding("192.0.2.50", Duration.ofSeconds(60));
        assertThat(table.create(b)).isTrue();
        tracker.updated(b, registration("192.0.2.50", Optional.empty(), false), BindingUpdateListener.Update.CREATED);
        store.close();

        // it comes back after the lifetime has passed: its sweep of the persistent bindings finds it expired
        now.set(T0.plusSeconds(3600));
        openStore();
        try (BindingExpiry expiry = new BindingExpiry(InfinispanBindingTable.in(store), clock, Duration.ofHours(1), "ha")) {
            expiry.addListener(tracker);
            assertThat(expiry.sweep()).isEqualTo(1);
        }

        Presence p = tracker.presenceOf(NAI).orElseThrow();
        assertThat(p.state()).isEqualTo(PresenceState.OUT_OF_ZONE);
        assertThat(p.sequence()).isEqualTo(2);
        assertThat(p.changedAt()).isEqualTo(T0.plusSeconds(3600));
        // both changes wait in the outbox (no notifier ran): the restart lost neither
        PresenceBook book = PresenceBook.in(store);
        assertThat(book.nextToSend(NAI)).map(Presence::sequence).contains(1L);
    }
}
