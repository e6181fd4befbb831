package org.mipaaa.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.registration.AddressRange;
import org.mipaaa.registration.BindingEndListener;
import org.mipaaa.registration.InfinispanHomeAddressPool;
import org.mipaaa.registration.MnHaSecurityAssociation;
import org.mipaaa.registration.MobilityBinding;
import org.mipaaa.state.StateStore;

/**
 * The home agent's own address allocation (RFC 4004 §5.3) on the real embedded Infinispan of
 * config/infinispan.xml: what an HAR gets, and that a node never gets another's address.
 */
class HomeAgentAddressesTest {

    private static final String MN1 = "mn1@home.example";
    private static final String MN2 = "mn2@home.example";
    private static final Inet4Address UNSPECIFIED = Ipv4.parse("0.0.0.0");
    private static final Inet4Address FIRST = Ipv4.parse("10.1.0.200");
    private static final Inet4Address SECOND = Ipv4.parse("10.1.0.201");

    @TempDir
    Path dir;

    private StateStore state;
    private InfinispanHomeAddressPool pool;
    private HomeAgentAddresses addresses;

    @BeforeEach
    void open() throws Exception {
        state = StateStore.open(Path.of("../../config/infinispan.xml"), dir, "ha-addresses-" + System.nanoTime());
        pool = InfinispanHomeAddressPool.in(state, AddressRange.parse("10.1.0.200-10.1.0.201"));
        addresses = new HomeAgentAddresses(Optional.of(pool));
    }

    @AfterEach
    void close() {
        state.close();
    }

    @Test
    void s105_anHarWithoutAnAddressGetsOneOfThePoolAndTheSameOneAgain() {
        assertThat(addresses.forHar(MN1, Optional.empty(), UNSPECIFIED))
                .isEqualTo(new HomeAgentAddresses.Allocation.Allocated(FIRST, true));
        assertThat(addresses.forHar(MN1, Optional.empty(), UNSPECIFIED)).as("a re-registration keeps it")
                .isEqualTo(new HomeAgentAddresses.Allocation.Allocated(FIRST, false));
        assertThat(addresses.forHar(MN1, Optional.empty(), FIRST)).as("named by the node itself")
                .isEqualTo(new HomeAgentAddresses.Allocation.Allocated(FIRST, false));
    }

    @Test
    void s105_anAddressTheAaahAssignedOrOneOutsideThePoolIsNotThePoolsBusiness() {
        Inet4Address aaahs = Ipv4.parse("10.1.0.100");
        assertThat(addresses.forHar(MN1, Optional.of(aaahs), UNSPECIFIED)).isEqualTo(new HomeAgentAddresses.Allocation.NotNeeded(aaahs));
        assertThat(addresses.forHar(MN1, Optional.empty(), aaahs)).isEqualTo(new HomeAgentAddresses.Allocation.NotNeeded(aaahs));
        assertThat(pool.addressOf(MN1)).isEmpty();
    }

    @Test
    void s105_aNodeNamingAnotherNodesAddressGetsItsOwnNeverTheOthers() {
        addresses.forHar(MN1, Optional.empty(), UNSPECIFIED);

        assertThat(addresses.forHar(MN2, Optional.empty(), FIRST)).isEqualTo(new HomeAgentAddresses.Allocation.Allocated(SECOND, true));
        assertThat(pool.addressOf(MN1)).contains(FIRST);
    }

    @Test
    void s105_anExhaustedPoolOrNoneGivesNoAddress() {
        addresses.forHar(MN1, Optional.empty(), UNSPECIFIED);
        addresses.forHar(MN2, Optional.empty(), UNSPECIFIED);

        assertThat(addresses.forHar("mn3@home.example", Optional.empty(), UNSPECIFIED))
                .isInstanceOf(HomeAgentAddresses.Allocation.NoneLeft.class);
        assertThat(new HomeAgentAddresses(Optional.empty()).forHar(MN1, Optional.empty(), UNSPECIFIED))
                .isInstanceOf(HomeAgentAddresses.Allocation.NoneLeft.class);
    }

    @Test
    void s105_anHarThatBoundNothingGivesBackOnlyTheAddressItTook() {
        HomeAgentAddresses.Allocation taken = addresses.forHar(MN1, Optional.empty(), UNSPECIFIED);
        HomeAgentAddresses.Allocation held = addresses.forHar(MN1, Optional.empty(), UNSPECIFIED);

        addresses.unused(MN1, held);
        assertThat(pool.addressOf(MN1)).as("held before this HAR: its binding still uses it").contains(FIRST);
        addresses.unused(MN1, taken);
        assertThat(pool.addressOf(MN1)).isEmpty();
    }

    @Test
    void s109_theEndOfABindingFreesItsPoolAddressOnly() {
        addresses.forHar(MN1, Optional.empty(), UNSPECIFIED);

        addresses.ended(binding(MN1, Ipv4.parse("10.1.0.100")), BindingEndListener.Reason.EXPIRED);
        assertThat(pool.addressOf(MN1)).as("a binding on another address").contains(FIRST);
        addresses.ended(binding(MN1, FIRST), BindingEndListener.Reason.DEREGISTERED);
        assertThat(pool.addressOf(MN1)).isEmpty();
    }

    private static MobilityBinding binding(String nai, Inet4Address home) {
        MnHaSecurityAssociation mnHa = new MnHaSecurityAssociation(300, 1000, AuthAlgorithm.HMAC_SHA1, new byte[20]);
        return MobilityBinding.registered(home, nai, Ipv4.parse("198.51.100.7"), Ipv4.parse("10.1.0.1"), Duration.ofSeconds(60),
                Instant.now(), mnHa, 1L, "ha.home.example;1", "aaah.home.example;1");
    }
}
