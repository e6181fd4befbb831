package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The fragment is the whole dictionary minus the RFC 6733 base, computed from the one source file: the
 * two can only differ by the base, and the carrier's numbers are applied to both.
 */
class DictionaryFragmentTest {

    private final Dictionary whole = Dictionary.bundled();
    private final DictionaryFragment fragment = whole.fragment();

    @Test
    void theBaseSectionOfTheFileIsExactlyTheRfc6733Table() {
        Set<Integer> baseCodes = new HashSet<>();
        for (AvpDefinition a : whole.avps()) {
            if (BaseProtocol.isBaseAvp(a)) {
                baseCodes.add(a.code());
            }
        }
        assertThat(baseCodes).containsExactlyInAnyOrderElementsOf(BaseProtocol.AVP_CODES).hasSize(49);
        assertThat(whole.avp("Inband-Security-Id").orElseThrow().code()).isEqualTo(299);
        assertThat(whole.avp("Accounting-Record-Number").orElseThrow().code()).isEqualTo(485);
    }

    @Test
    void fragmentHoldsOurApplicationsAndEveryNonBaseAvp() {
        assertThat(fragment.applications()).extracting(ApplicationDefinition::id)
                .containsExactly(ApplicationIds.MOBILE_IPV4, ApplicationIds.MIP_ACCOUNTING_SERVICES);
        assertThat(fragment.vendors()).extracting(VendorDefinition::symbol).containsExactly(Dictionary.VENDOR_SYMBOL);
        assertThat(fragment.avps()).noneMatch(BaseProtocol::isBaseAvp);
        assertThat(fragment.avps()).extracting(AvpDefinition::name)
                .contains("MIP-Reg-Request", "MIP-MSA-Lifetime", "MIP-MN-HA-SPI", "Accounting-Input-Octets",
                        "Acct-Session-Time", "CC-Money", "Cost-Information", "Payee-Id", "Terminal-Host")
                .doesNotContain("Session-Id", "Origin-Host", "Result-Code", "Accounting-Record-Type");
        // whole = base + fragment, nothing else
        assertThat(fragment.avps().size() + BaseProtocol.AVP_CODES.size()).isEqualTo(whole.avps().size());
        for (CommandDefinition c : whole.commands()) {
            boolean base = BaseProtocol.APPLICATION_IDS.contains(c.applicationId());
            assertThat(fragment.commands().contains(c)).as("%s of application %d", c.name(), c.applicationId()).isNotEqualTo(base);
        }
        assertThat(fragment.commands(ApplicationIds.MOBILE_IPV4)).extracting(CommandDefinition::abbreviation)
                .containsExactly("AMR", "AMA", "HAR", "HAA", "ACR", "ACA");
        assertThat(fragment.applications()).extracting(ApplicationDefinition::id).doesNotContain(ApplicationIds.CREDIT_CONTROL);
    }

    @Test
    void fragmentNamesTheBaseAvpsItRefersTo() {
        assertThat(fragment.baseAvpsReferenced()).extracting(AvpDefinition::name)
                .contains("Session-Id", "Origin-Host", "Origin-Realm", "Destination-Realm", "Destination-Host",
                        "Result-Code", "Experimental-Result", "Accounting-Record-Type", "Proxy-Info", "Route-Record")
                .allSatisfy(n -> assertThat(BaseProtocol.isBaseAvp(whole.avp(n).orElseThrow())).isTrue());
        // MIP-Home-Agent-Host ::= { Destination-Realm } { Destination-Host }: grouped members count too
        assertThat(whole.avp("MIP-Home-Agent-Host").orElseThrow().groupedRules()).extracting(AvpRule::avpName)
                .containsExactly("Destination-Realm", "Destination-Host");
    }

    @Test
    void fragmentXmlCarriesTheCarrierNumbersAndNoBase() {
        DictionaryFragment carrier = Dictionary.bundled(new VendorSettings(65535, 16777300)).fragment();
        String xml = carrier.toJDiameterXml();
        assertThat(xml).contains("<vendor vendor-id=\"MIPAAA\" code=\"65535\"", "<application id=\"16777300\"",
                "<application id=\"2\" name=\"Mobile-IPv4\"", "vendor=\"65535\"")
                .doesNotContain("32473").doesNotContain("1296629761")
                .doesNotContain("<avpdefn name=\"Session-Id\"").doesNotContain("name=\"Capabilities-Exchange-Request\"")
                .doesNotContain("<application id=\"0\"").doesNotContain("<application id=\"4\"")
                .doesNotContain("vendor-id=\"None\"");
        assertThat(xml.replace("<!--", "").replace("-->", "")).as("no '--' inside XML comments").doesNotContain("--");
        assertThat(carrier.vendorSettings()).isEqualTo(new VendorSettings(65535, 16777300));
    }

    @Test
    void fragmentAloneIsNotADictionary() {
        // its commands name Session-Id & co. by code: the strict reader says what jDiameter would skip
        byte[] xml = fragment.toJDiameterXml().getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Dictionary.load(new ByteArrayInputStream(xml), VendorSettings.defaults()))
                .isInstanceOf(DictionaryFormatException.class).hasMessageContaining("is not defined");
    }
}
