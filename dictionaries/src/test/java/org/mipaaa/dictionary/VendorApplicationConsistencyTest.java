package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The vendor application is described twice, for jDiameter and for Wireshark: both files must say
 * the same (commands, AVP names, codes, types, vendor, M/V/P flags, grouped members, enum values),
 * with nothing extra in either.
 */
class VendorApplicationConsistencyTest {

    private final Dictionary dictionary = Dictionary.bundled();
    private final WiresharkFragment wireshark = WiresharkFragment.bundled();
    private final WiresharkFragment expected = WiresharkFragment.expectedFrom(dictionary);

    @Test
    void sameVendor() {
        assertThat(wireshark.vendors()).isEqualTo(expected.vendors());
        assertThat(wireshark.vendors().get(0).symbol()).isEqualTo(Dictionary.VENDOR_SYMBOL);
    }

    @Test
    void sameApplicationAndCommands() {
        WiresharkFragment.Application ws = wireshark.applications().get(0);
        WiresharkFragment.Application jd = expected.applications().get(0);
        assertThat(ws.id()).isEqualTo(jd.id());
        assertThat(ws.name()).isEqualTo(jd.name());
        assertThat(ws.commands()).containsExactlyElementsOf(jd.commands());
    }

    @Test
    void sameAvpsWithSameCodesTypesFlagsMembersAndEnums() {
        var ws = wireshark.applications().get(0).avps();
        var jd = expected.applications().get(0).avps();
        assertThat(ws).extracting(WiresharkFragment.Avp::name).containsExactlyElementsOf(
                jd.stream().map(WiresharkFragment.Avp::name).toList());
        for (int i = 0; i < jd.size(); i++) {
            assertThat(ws.get(i)).as(jd.get(i).name()).isEqualTo(jd.get(i));
        }
        assertThat(wireshark).isEqualTo(expected);
    }

    @Test
    void everyVendorAvpIsUsedByACommandOrAGroupedAvp() {
        Set<String> used = new HashSet<>();
        dictionary.commands().forEach(c -> c.rules().forEach(r -> used.add(r.avpName())));
        dictionary.avps().forEach(a -> a.groupedRules().forEach(r -> used.add(r.avpName())));
        for (AvpDefinition a : dictionary.avps(VendorIds.MIP_AAA_DEFAULT)) {
            assertThat(used).as("vendor AVP %s used somewhere", a.name()).contains(a.name());
        }
    }

    @Test
    void vendorAvpsSetVAndMAndNeverP() {
        assertThat(dictionary.avps(VendorIds.MIP_AAA_DEFAULT)).hasSize(21).allSatisfy(a -> {
            assertThat(a.vendorBit()).as(a.name()).isEqualTo(FlagRule.MUST);
            assertThat(a.mandatory()).as(a.name()).isEqualTo(FlagRule.MUST);
            assertThat(a.protectedBit()).as(a.name()).isEqualTo(FlagRule.MUST_NOT);
        });
    }
}
