package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A carrier's own Vendor-Id and Application-Id reach every vendor AVP, rule and the application, and survive a round trip. */
class VendorSettingsTest {

    private static final VendorSettings CARRIER = new VendorSettings(99999, 16777999);

    @Test
    void defaultsAreTheDocumentationNumbers() {
        assertThat(VendorSettings.defaults()).isEqualTo(new VendorSettings(32473, 1296629761L));
        assertThat(VendorSettings.defaults().isDefault()).isTrue();
        assertThat(CARRIER.isDefault()).isFalse();
    }

    @Test
    void remapsEveryVendorAvpAndTheApplication() {
        Dictionary d = Dictionary.bundled(CARRIER);
        assertThat(d.vendorSettings()).isEqualTo(CARRIER);
        assertThat(d.avps(99999)).hasSize(21);
        assertThat(d.avps(VendorIds.MIP_AAA_DEFAULT)).isEmpty();
        assertThat(d.avp(VendorAvpCodes.PAYEE_ID, 99999)).map(AvpDefinition::name).hasValue("Payee-Id");
        assertThat(d.avp(VendorAvpCodes.PAYEE_ID, VendorIds.MIP_AAA_DEFAULT)).isEmpty();
        assertThat(d.applicationIds()).contains(16777999L).doesNotContain(ApplicationIds.MIP_ACCOUNTING_SERVICES);
        assertThat(d.application(16777999L).orElseThrow().vendorId()).isEqualTo(99999L);
        assertThat(d.commands(16777999L)).hasSize(16);
        assertThat(d.command(16777999L, CommandCodes.SETTLEMENT, true)).isPresent();
        assertThat(d.command(ApplicationIds.MIP_ACCOUNTING_SERVICES, CommandCodes.SETTLEMENT, true)).isEmpty();
        assertThat(d.vendors()).extracting(VendorDefinition::code).containsExactly(0L, 99999L);
        // every rule that names a vendor AVP, in commands and in grouped AVPs, carries the new Vendor-Id
        List<AvpRule> rules = new java.util.ArrayList<>();
        d.commands().forEach(c -> rules.addAll(c.rules()));
        d.avps().forEach(a -> rules.addAll(a.groupedRules()));
        assertThat(rules).filteredOn(r -> d.avp(r.avpName()).orElseThrow().isVendorSpecific())
                .isNotEmpty().allSatisfy(r -> assertThat(r.vendorId()).as(r.avpName()).isEqualTo(99999L));
        assertThat(rules).noneMatch(r -> r.vendorId() == VendorIds.MIP_AAA_DEFAULT);
        // standard parts untouched
        assertThat(d.avps(0)).isEqualTo(Dictionary.bundled().avps(0));
        assertThat(d.commands(ApplicationIds.MOBILE_IPV4)).isEqualTo(Dictionary.bundled().commands(ApplicationIds.MOBILE_IPV4));
    }

    @Test
    void toJDiameterXmlRoundTrips() {
        for (Dictionary d : List.of(Dictionary.bundled(), Dictionary.bundled(CARRIER))) {
            String xml = d.toJDiameterXml();
            Dictionary back = Dictionary.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), d.vendorSettings());
            assertThat(back).isEqualTo(d);
            assertThat(back.hashCode()).isEqualTo(d.hashCode());
            assertThat(back.toJDiameterXml()).isEqualTo(xml);
        }
    }

    @Test
    void writtenXmlCanBeRemappedAgain() {
        String xml = Dictionary.bundled(CARRIER).toJDiameterXml();
        Dictionary again = Dictionary.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                VendorSettings.defaults());
        assertThat(again).isEqualTo(Dictionary.bundled());
    }

    @Test
    void differentSettingsGiveDifferentDictionaries() {
        assertThat(Dictionary.bundled(CARRIER)).isNotEqualTo(Dictionary.bundled());
        assertThat(Dictionary.bundled(new VendorSettings(99999, 16777998))).isNotEqualTo(Dictionary.bundled(CARRIER));
    }

    @Test
    void rejectsNumbersOutsideTheirRanges() {
        assertThatThrownBy(() -> new VendorSettings(0, 16777999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VendorSettings(0x1_0000_0000L, 16777999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VendorSettings(99999, 2)).hasMessageContaining("vendor-specific");
        assertThatThrownBy(() -> new VendorSettings(99999, 0xffffffffL)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new VendorSettings(1, VendorSettings.FIRST_VENDOR_SPECIFIC_APPLICATION_ID).vendorId()).isEqualTo(1);
    }
}
