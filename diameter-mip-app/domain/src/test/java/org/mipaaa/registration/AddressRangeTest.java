package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mipaaa.mobileip.Ipv4;

class AddressRangeTest {

    @Test
    void parsesARangeAndCountsItsAddressesInclusively() {
        AddressRange range = AddressRange.parse("10.1.0.10-10.1.0.250");

        assertThat(range.size()).isEqualTo(241);
        assertThat(range.get(0)).isEqualTo(Ipv4.parse("10.1.0.10"));
        assertThat(range.get(240)).isEqualTo(Ipv4.parse("10.1.0.250"));
        assertThat(range.contains(Ipv4.parse("10.1.0.9"))).isFalse();
        assertThat(range.contains(Ipv4.parse("10.1.0.10"))).isTrue();
        assertThat(range.contains(Ipv4.parse("10.1.0.251"))).isFalse();
        assertThat(range).hasToString("10.1.0.10-10.1.0.250");
        assertThat(AddressRange.parse(range.toString())).isEqualTo(range);
    }

    @Test
    void crossesOctetBoundariesAndTheSignBitOfTheFirstOctet() {
        AddressRange range = AddressRange.parse(" 192.0.2.254 - 192.0.3.1 ");

        assertThat(range.size()).isEqualTo(4);
        assertThat(range.get(2)).isEqualTo(Ipv4.parse("192.0.3.0"));
        assertThat(range.contains(Ipv4.parse("192.0.3.1"))).isTrue();
        assertThat(range.contains(Ipv4.parse("10.0.0.1"))).isFalse();
    }

    @Test
    void aSingleAddressIsARangeOfOne() {
        AddressRange one = AddressRange.parse("10.1.0.7");

        assertThat(one.size()).isEqualTo(1);
        assertThat(one.get(0)).isEqualTo(Ipv4.parse("10.1.0.7"));
    }

    @Test
    void refusesWhatIsNotARange() {
        assertThatThrownBy(() -> AddressRange.parse("10.1.0.250-10.1.0.10")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> AddressRange.parse("10.1.0.1-10.1.0.2-10.1.0.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("pool.example-10.1.0.2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.1.0.0/24")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.1.0.7").get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
