package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.Identification;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.state.StateStore;

/** Mobility bindings on real embedded Infinispan, with their persistent file store. */
class InfinispanBindingTableTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123456789Z");
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff01020304");
    private static final MnHaSecurityAssociation MN_HA =
            new MnHaSecurityAssociation(0x1_0000, 0xFFFF_FFF0L, AuthAlgorithm.HMAC_MD5, KEY);

    @TempDir
    Path data;

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

    private static MobilityBinding binding(String homeAddress, String nai, Duration lifetime, Instant at) {
        return MobilityBinding.registered(Ipv4.parse(homeAddress), nai, Ipv4.parse("192.0.2.50"), Ipv4.parse("10.1.0.1"),
                lifetime, at, MN_HA, Identification.ntpTimestamp(at, 1), "ha.home.example;mip;" + nai,
                "aaah.home.example;har;" + nai);
    }

    @Test
    void aCreatedBindingIsFoundWithEveryFieldAndOnlyOnePerHomeAddress() {
        MobilityBinding b = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(1800), T0);

        assertThat(table.create(b)).isTrue();
        assertThat(table.create(binding("10.1.0.10", "mn2@home.example", Duration.ofSeconds(60), T0))).isFalse();

        MobilityBinding found = table.find(Ipv4.parse("10.1.0.10")).orElseThrow();
        assertThat(found).isEqualTo(b);
        assertThat(found.nai()).isEqualTo("mn1@home.example");
        assertThat(found.aaaSessionId()).isEqualTo("aaah.home.example;har;mn1@home.example");
        assertThat(found.expiresAt()).isEqualTo(T0.plusSeconds(1800));
        assertThat(found.mnHa().key()).isEqualTo(KEY);
        assertThat(found.mnHa().forRequests().spi()).isEqualTo(0x1_0000);
        assertThat(found.mnHa().forReplies().spi()).isEqualTo(0xFFFF_FFF0L);
        assertThat(found.lastIdentification()).isEqualTo(b.lastIdentification()).isNegative(); // top bit set: unsigned
        assertThat(table.find(Ipv4.parse("10.1.0.11"))).isEmpty();
    }

    @Test
    void aRenewalReplacesOnlyTheBindingItWasCheckedAgainst() {
        MobilityBinding first = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(60), T0);
        table.create(first);
        MobilityBinding renewal = first.renewed(Ipv4.parse("198.51.100.9"), Duration.ofSeconds(120), T0.plusSeconds(30),
                Identification.ntpTimestamp(T0.plusSeconds(30), 0));
        MobilityBinding concurrent = first.renewed(Ipv4.parse("203.0.113.9"), Duration.ofSeconds(120), T0.plusSeconds(31),
                Identification.ntpTimestamp(T0.plusSeconds(31), 0));

        assertThat(table.replace(first, renewal)).isTrue();
        assertThat(table.replace(first, concurrent)).isFalse(); // checked against a binding that is gone

        MobilityBinding now = table.find(Ipv4.parse("10.1.0.10")).orElseThrow();
        assertThat(now).isEqualTo(renewal);
        assertThat(now.careOfAddress()).isEqualTo(Ipv4.parse("198.51.100.9"));
        assertThat(now.expiresAt()).isEqualTo(T0.plusSeconds(150));
        assertThat(now.acctMultiSessionId()).isEqualTo(first.acctMultiSessionId());
        assertThat(now.aaaSessionId()).isEqualTo(first.aaaSessionId());
        MobilityBinding absent = binding("10.1.0.99", "mn9@home.example", Duration.ofSeconds(1), T0);
        assertThat(table.replace(absent, absent.renewed(absent.careOfAddress(), Duration.ofSeconds(9), T0, 7))).isFalse();
        assertThat(table.find(absent.homeAddress())).isEmpty();
        assertThatThrownBy(() -> table.replace(now, binding("10.1.0.11", "mn1@home.example", Duration.ofSeconds(1), T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removalTakesOnlyTheExpectedBinding() {
        MobilityBinding first = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(60), T0);
        table.create(first);
        MobilityBinding renewed = first.renewed(first.careOfAddress(), Duration.ofSeconds(60), T0.plusSeconds(50),
                first.lastIdentification() + 1);
        table.replace(first, renewed);

        assertThat(table.remove(first)).isFalse(); // an expiry sweep that lost to a renewal
        assertThat(table.find(first.homeAddress())).contains(renewed);
        assertThat(table.remove(renewed)).isTrue();
        assertThat(table.find(first.homeAddress())).isEmpty();
        assertThat(table.remove(renewed)).isFalse();
    }

    @Test
    void expiredListsTheBindingsPastTheirLifetimeSoonestFirst() {
        table.create(binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(60), T0));
        table.create(binding("10.1.0.11", "mn2@home.example", Duration.ofSeconds(30), T0));
        table.create(binding("10.1.0.12", "mn3@home.example", Duration.ofSeconds(90), T0));

        assertThat(table.expired(T0.plusSeconds(29))).isEmpty();
        assertThat(table.expired(T0.plusSeconds(30))).extracting(MobilityBinding::nai).containsExactly("mn2@home.example");
        assertThat(table.expired(T0.plusSeconds(61))).extracting(MobilityBinding::nai)
                .containsExactly("mn2@home.example", "mn1@home.example");
        assertThat(table.expired(T0.plusSeconds(3600))).hasSize(3);
        assertThat(table.find(Ipv4.parse("10.1.0.11"))).isPresent(); // listing removes nothing
    }

    @Test
    void bindingsSurviveARestartOfTheNode() {
        MobilityBinding b = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(1800), T0);
        table.create(b);
        table.create(binding("10.1.0.11", "mn2@home.example", Duration.ofSeconds(10), T0));
        store.close();
        assertThat(data.resolve(RegistrationCaches.MOBILITY_BINDINGS)).isDirectory();

        store = TestStores.open(data);
        BindingTable reopened = InfinispanBindingTable.in(store);

        assertThat(reopened.find(Ipv4.parse("10.1.0.10"))).contains(b);
        assertThat(reopened.find(Ipv4.parse("10.1.0.10")).orElseThrow().mnHa().key()).isEqualTo(KEY);
        assertThat(reopened.expired(T0.plusSeconds(11))).extracting(MobilityBinding::nai).containsExactly("mn2@home.example");
        assertThat(reopened.replace(b, b.renewed(b.careOfAddress(), Duration.ofSeconds(5), T0, b.lastIdentification() + 1)))
                .isTrue();
    }

    @Test
    void aBindingsTextNeverShowsItsKey() {
        String text = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(1), T0).toString();

        assertThat(text).contains("mn1@home.example").contains("mnToHaSpi=65536")
                .doesNotContain(HexFormat.of().formatHex(KEY)).doesNotContain("[B@");
    }

    @Test
    void aStoredValueOfAnotherFormatIsRefusedNotMisread() {
        store.<String, String>cache(RegistrationCaches.MOBILITY_BINDINGS).put("10.1.0.10", "Aw==" /* format 3, unknown */);

        assertThatThrownBy(() -> table.find(Ipv4.parse("10.1.0.10"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 3");
    }

    @Test
    void theSweepReadsTheBindingsThatExpireNotEveryBinding() {
        for (int i = 1; i <= 2_000; i++) {
            table.create(binding("10.2." + (i / 250) + "." + (i % 250), "mn" + i + "@home.example", Duration.ofHours(1), T0));
        }
        MobilityBinding soon = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(60), T0);
        table.create(soon);
        assertThat(table.expired(T0.plusSeconds(30))).isEmpty(); // the index is built once, here
        // a value no binding decodes from, of a node not due: a sweep that read every binding would fail on it
        store.<String, String>cache(RegistrationCaches.MOBILITY_BINDINGS).put("10.9.9.9", "not a binding");

        assertThat(table.expired(T0.plusSeconds(61))).containsExactly(soon);
        assertThat(table.expired(T0.plusSeconds(62))).as("the sweep's caller removes what expired").containsExactly(soon);
        assertThat(table.remove(soon)).isTrue();
        assertThat(table.expired(T0.plusSeconds(63))).isEmpty();
    }

    @Test
    void anAsrFindsTheBindingOfItsSessionWithoutReadingEveryBinding() {
        for (int i = 1; i <= 2_000; i++) {
            table.create(binding("10.2." + (i / 250) + "." + (i % 250), "bulk" + i + "@home.example", Duration.ofHours(1), T0));
        }
        MobilityBinding mn1 = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(600), T0);
        table.create(mn1);
        assertThat(table.withSession("aaah.home.example;har;nobody@home.example")).isEmpty(); // the index is built once, here
        // a value no binding decodes from: a look-up that read every binding would fail on it
        store.<String, String>cache(RegistrationCaches.MOBILITY_BINDINGS).put("10.9.9.9", "not a binding");

        assertThat(table.withSession("aaah.home.example;har;mn1@home.example")).contains(mn1);
        MobilityBinding renewed = mn1.renewed(Ipv4.parse("198.51.100.9"), Duration.ofSeconds(900), T0.plusSeconds(30),
                Identification.ntpTimestamp(T0.plusSeconds(30), 0));
        assertThat(table.replace(mn1, renewed)).isTrue();
        assertThat(table.withSession("aaah.home.example;har;mn1@home.example")).contains(renewed);
        assertThat(table.remove(renewed)).isTrue();
        assertThat(table.withSession("aaah.home.example;har;mn1@home.example")).isEmpty();
    }

    @Test
    void aRenewedBindingExpiresAtItsNewLifetimeNotItsOldOne() {
        MobilityBinding first = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(60), T0);
        table.create(first);
        assertThat(table.expired(T0)).isEmpty();
        MobilityBinding renewal = first.renewed(Ipv4.parse("198.51.100.9"), Duration.ofSeconds(600), T0.plusSeconds(30),
                Identification.ntpTimestamp(T0.plusSeconds(30), 0));
        assertThat(table.replace(first, renewal)).isTrue();

        assertThat(table.expired(T0.plusSeconds(61))).isEmpty();
        assertThat(table.expired(T0.plusSeconds(631))).containsExactly(renewal);
    }

    @Test
    void aRestartedHomeAgentExpiresTheBindingsItKeptAndALookFarAheadSeesThemAll() {
        MobilityBinding a = binding("10.1.0.10", "mn1@home.example", Duration.ofSeconds(60), T0);
        MobilityBinding b = binding("10.1.0.11", "mn2@home.example", Duration.ofDays(2), T0);
        table.create(a);
        table.create(b);
        assertThat(table.expired(T0)).isEmpty();
        store.close();

        store = TestStores.open(data); // the index is memory only: built again from the kept bindings
        table = InfinispanBindingTable.in(store);

        assertThat(table.expired(T0.plusSeconds(61))).containsExactly(a);
        assertThat(table.expired(T0.plus(Duration.ofDays(3650)))).containsExactly(a, b);
    }
}
