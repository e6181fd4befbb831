package org.mipaaa.dictionary.jdiameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jdiameter.api.AvpSet;
import org.jdiameter.api.validation.AvpNotAllowedException;
import org.jdiameter.api.validation.AvpRepresentation;
import org.jdiameter.api.validation.MessageRepresentation;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.jdiameter.common.impl.validation.DictionaryImpl;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.AvpRule;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.DictionaryFragment;
import org.mipaaa.dictionary.FlagRule;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.dictionary.merge.Conflict;
import org.mipaaa.dictionary.merge.DictionaryMerger;
import org.mipaaa.dictionary.merge.MergeResult;
import org.mipaaa.dictionary.merge.Resolution;

/**
 * The merged dictionary as jDiameter 1.7 itself loads it (its {@code DictionaryImpl}): a carrier's
 * dictionary ({@link CarrierDictionary}) plus our fragment, with a carrier's own Vendor-Id and
 * Application-Id. Afterwards jDiameter knows the carrier's AVPs and commands and ours, and its validator
 * enforces both sides' command rules.
 *
 * <p>jDiameter's dictionary is a JVM-wide singleton ({@code DictionarySingleton}, {@code
 * DictionaryImpl.INSTANCE}) that stacks of other tests in this JVM may use. These tests therefore build
 * their own instance through {@code DictionaryImpl}'s private constructor, which runs the same
 * {@code configure(InputStream)} the singleton runs, and leave the singleton alone.
 */
class MergedDictionaryInJDiameterTest {

    /** The carrier's numbers for our application: not its own vendor (see the vendor test for that). */
    private static final VendorSettings SETTINGS = new VendorSettings(64999, 16777301);

    private final DictionaryMerger merger = new DictionaryMerger();
    private final Dictionary ours = Dictionary.bundled(SETTINGS);

    @Test
    void aSecondConfigureReplacesTheDictionaryItDoesNotAdd() throws Exception {
        DictionaryImpl jd = load(CarrierDictionary.xml());
        assertThat(jd.getMessage(272, ApplicationIds.CREDIT_CONTROL, true)).as("carrier's CCR").isNotNull();

        jd.configure(in(ours.fragment().toJDiameterXml()));

        // the carrier's application is gone, and ours lost every rule on a base AVP: why we merge
        assertThat(jd.getMessage(272, ApplicationIds.CREDIT_CONTROL, true)).isNull();
        assertThat(jd.getAvp("Service-Context-Id")).isNull();
        MessageRepresentation amr = jd.getMessage(CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4, true);
        assertThat(amr).isNotNull();
        assertThat(amr.getAvp(263, 0)).as("Session-Id rule of the AMR").isNull();
        assertThat(amr.getAvp(320, 0)).as("MIP-Reg-Request rule of the AMR").isNotNull();
    }

    @Test
    void jdiameterKnowsTheCarriersAndOurAvpsAndCommandsAfterTheMerge() throws Exception {
        MergeResult merged = merger.merge(in(CarrierDictionary.xml()), "carrier dictionary.xml", ours, Resolution.REFUSE);
        assertThat(merged.refused()).as("%s", merged.report()).isFalse();
        assertThat(merged.report().identical()).as("RFC 4006 AVPs both define: kept once").containsExactlyInAnyOrder(
                "CC-Money (413, Vendor-Id 0)", "Cost-Information (423, Vendor-Id 0)", "Cost-Unit (424, Vendor-Id 0)",
                "Currency-Code (425, Vendor-Id 0)", "Exponent (429, Vendor-Id 0)", "Unit-Value (445, Vendor-Id 0)",
                "Value-Digits (447, Vendor-Id 0)");

        DictionaryImpl jd = load(merged.toXml());

        assertThat(jd.isConfigured()).isTrue();
        assertThat(jd.isEnabled()).as("a parse failure disables the validator").isTrue();
        // the carrier's
        assertThat(jd.getAvp(416, 0).getName()).isEqualTo("CC-Request-Type");
        assertThat(jd.getAvp(CarrierDictionary.PREPAID_PLAN, CarrierDictionary.CARRIER_VENDOR_ID).getName())
                .isEqualTo("Prepaid-Plan");
        assertThat(jd.getAvp(263, 0).getRuleProtected()).as("the carrier's base, untouched").isEqualTo("may");
        MessageRepresentation ccr = jd.getMessage(272, ApplicationIds.CREDIT_CONTROL, true);
        assertThat(ccr.getMessageAvps()).hasSize(9);
        assertThat(ccr.getAvp(CarrierDictionary.PREPAID_PLAN, CarrierDictionary.CARRIER_VENDOR_ID).getMultiplicityIndicator())
                .isEqualTo("0-1");
        assertThat(jd.getMessage(257, 0, true)).isNotNull();
        assertThat(jd.getMessage(271, ApplicationIds.BASE_ACCOUNTING, true)).isNotNull();
        // ours, with the carrier's numbers for our vendor and application
        DictionaryFragment f = ours.fragment();
        for (AvpDefinition a : f.avps()) {
            AvpRepresentation r = jd.getAvp(a.code(), a.vendorId());
            assertThat(r).as(a.name()).isNotNull();
            assertThat(r.getName()).isEqualTo(a.name());
            assertThat(r.isWeak()).as("%s has every member resolved", a.name()).isFalse();
            assertThat(r.getRuleMandatory()).isEqualTo(a.mandatory().xmlToken());
            assertThat(r.getRuleVendorBit()).isEqualTo(a.vendorBit().xmlToken());
            if (a.isGrouped()) {
                assertThat(r.getChildren()).extracting(AvpRepresentation::getCode)
                        .containsExactlyElementsOf(a.groupedRules().stream().map(AvpRule::code).toList());
            }
        }
        assertThat(jd.getAvp(1, SETTINGS.vendorId()).getName()).isEqualTo("Payee-Id");
        // each AVP once, under one name: the carrier's, plus ours but the 7 RFC 4006 AVPs both define
        assertThat(jd.getAvpMap()).hasSize(CarrierDictionary.AVP_COUNT + f.avps().size() - 7);
        assertThat(jd.getNameToCodeMap()).hasSameSizeAs(jd.getAvpMap());
        for (CommandDefinition c : f.commands()) {
            MessageRepresentation m = jd.getMessage(c.code(), c.applicationId(), c.request());
            assertThat(m).as("%s of application %d", c.name(), c.applicationId()).isNotNull();
            assertThat(m.getMessageAvps()).as("every rule of %s, base AVPs included", c.name()).hasSize(c.rules().size());
            for (AvpRule rule : c.rules()) {
                AvpRepresentation r = m.getAvp(rule.code(), rule.vendorId());
                assertThat(r).as("%s in %s", rule.avpName(), c.name()).isNotNull();
                assertThat(r.getMultiplicityIndicator()).isEqualTo(rule.multiplicity());
            }
        }
        assertThat(jd.getMessage(CommandCodes.PURCHASE_INFORMATION, SETTINGS.accountingServicesApplicationId(), true))
                .isNotNull();
        assertThat(jd.getMessage(CommandCodes.PURCHASE_INFORMATION, ApplicationIds.MIP_ACCOUNTING_SERVICES, true))
                .as("the default Application-Id is not there").isNull();
    }

    @Test
    void jdiameterValidatesBothSidesMessagesAgainstTheMergedRules() throws Exception {
        MergeResult merged = merger.merge(in(CarrierDictionary.xml()), "carrier", ours, Resolution.REFUSE);
        DictionaryImpl jd = load(merged.toXml());

        // our AMR with every required AVP, grouped members included, passes; without MIP-Reg-Request it is refused
        CommandDefinition amr = ours.command(ApplicationIds.MOBILE_IPV4, CommandCodes.AA_MOBILE_NODE, true).orElseThrow();
        IMessage complete = messageWithRequiredAvps(amr);
        jd.validate(complete, false);
        IMessage incomplete = messageWithRequiredAvps(amr);
        incomplete.getAvps().removeAvp(320, 0);
        assertThatThrownBy(() -> jd.validate(incomplete, false)).isInstanceOf(AvpNotAllowedException.class)
                .satisfies(e -> assertThat(((AvpNotAllowedException) e).getAvpCode()).isEqualTo(320));

        // our vendor application under the carrier's numbers
        CommandDefinition pir = ours.command(SETTINGS.accountingServicesApplicationId(), CommandCodes.PURCHASE_INFORMATION, true)
                .orElseThrow();
        jd.validate(messageWithRequiredAvps(pir), false);
        IMessage noPayee = messageWithRequiredAvps(pir);
        noPayee.getAvps().removeAvp(1, SETTINGS.vendorId());
        assertThatThrownBy(() -> jd.validate(noPayee, false)).isInstanceOf(AvpNotAllowedException.class);

        // the carrier's CCR still checked by the carrier's rules
        IMessage ccr = new MessageParser().createEmptyMessage(272, ApplicationIds.CREDIT_CONTROL);
        ccr.setRequest(true);
        for (int code : new int[] {263, 264, 296, 283, 258, 461, 416, 415}) {
            ccr.getAvps().addAvp(code, new byte[] {0, 0, 0, 1}, true, false);
        }
        jd.validate(ccr, false);
        ccr.getAvps().removeAvp(461);
        assertThatThrownBy(() -> jd.validate(ccr, false)).isInstanceOf(AvpNotAllowedException.class);
    }

    @Test
    void aConflictingCarrierDictionaryIsRefusedWithTheReportAndLoadsOnceAWinnerIsNamed() throws Exception {
        MergeResult refused = merger.merge(in(CarrierDictionary.withMobileIpv6()), "carrier dictionary.xml", ours,
                Resolution.REFUSE);

        assertThat(refused.refused()).isTrue();
        assertThat(refused.document()).isEmpty();
        assertThat(refused.report().conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.AVP);
            assertThat(c.subject()).startsWith("AVP 334 (Vendor-Id 0) MIP-Home-Agent-Address");
            assertThat(c.carrierWhere()).matches("carrier dictionary\\.xml line \\d+");
            assertThat(c.differences()).containsExactly("protected (P): carrier mustnot, mip-aaa may");
        });
        assertThat(refused.report().toString()).contains("REFUSED");

        DictionaryImpl carrierWins = load(merger.merge(in(CarrierDictionary.withMobileIpv6()), "carrier", ours,
                Resolution.CARRIER_WINS).toXml());
        assertThat(carrierWins.getAvp(334, 0).getRuleProtected()).isEqualTo("mustnot");
        assertThat(carrierWins.getMessage(CommandCodes.HOME_AGENT_MIP, ApplicationIds.MOBILE_IPV4, true).getAvp(334, 0))
                .isNotNull();
        DictionaryImpl oursWin = load(merger.merge(in(CarrierDictionary.withMobileIpv6()), "carrier", ours,
                Resolution.OURS_WINS).toXml());
        assertThat(oursWin.getAvp(334, 0).getRuleProtected()).isEqualTo(FlagRule.MAY.xmlToken());
    }

    @Test
    void theCarriersOwnEnterpriseNumberIsAVendorConflictUntilTheCarrierIsPreferred() throws Exception {
        Dictionary ownNumber = Dictionary.bundled(new VendorSettings(CarrierDictionary.CARRIER_VENDOR_ID, 16777301));
        MergeResult refused = merger.merge(in(CarrierDictionary.xml()), "carrier", ownNumber, Resolution.REFUSE);
        assertThat(refused.report().conflicts()).extracting(Conflict::kind).containsExactly(Conflict.Kind.VENDOR);

        MergeResult merged = merger.merge(in(CarrierDictionary.xml()), "carrier", ownNumber, Resolution.CARRIER_WINS);
        DictionaryImpl jd = load(merged.toXml());
        // our AVPs and the carrier's own share its vendor, each under its own code
        assertThat(jd.getAvp(CarrierDictionary.PREPAID_PLAN, CarrierDictionary.CARRIER_VENDOR_ID).getName()).isEqualTo("Prepaid-Plan");
        assertThat(jd.getAvp(1, CarrierDictionary.CARRIER_VENDOR_ID).getName()).isEqualTo("Payee-Id");
        assertThat(jd.getAvp(2, CarrierDictionary.CARRIER_VENDOR_ID).getName()).isEqualTo("Order-Reference");
        assertThat(jd.getVendorMap()).containsEntry("EXCARRIER", "65001").doesNotContainKey("MIPAAA");
    }

    @Test
    void aCarrierAvpOnOneOfOurVendorCodesIsAnAvpConflict() throws Exception {
        // the carrier's own AVP on code 1 of its enterprise number: the code our Payee-Id takes under that number
        String carrier = CarrierDictionary.xml().replace("code=\"1001\"", "code=\"1\"");
        Dictionary ownNumber = Dictionary.bundled(new VendorSettings(CarrierDictionary.CARRIER_VENDOR_ID, 16777301));

        MergeResult refused = merger.merge(in(carrier), "carrier", ownNumber, Resolution.REFUSE);

        assertThat(refused.report().conflicts()).filteredOn(c -> c.kind() == Conflict.Kind.AVP).singleElement()
                .satisfies(c -> {
                    assertThat(c.subject()).startsWith("AVP 1 (Vendor-Id 65001) Payee-Id");
                    assertThat(c.carrierDefinition()).startsWith("Prepaid-Plan code=1 vendor=65001");
                    assertThat(c.differences()).contains("name: carrier Prepaid-Plan, mip-aaa Payee-Id");
                });
    }

    // --- helpers --------------------------------------------------------------------------------

    /**
     * A DictionaryImpl of its own, configured from {@code xml} exactly as the singleton would be
     * ({@code DictionaryImpl(InputStream)} calls {@code configure}); the JVM-wide instance is not touched.
     */
    private static DictionaryImpl load(String xml) throws Exception {
        Constructor<DictionaryImpl> c = DictionaryImpl.class.getDeclaredConstructor(InputStream.class);
        c.setAccessible(true);
        return c.newInstance(in(xml));
    }

    private static InputStream in(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** A request or answer of {@code c} holding every AVP its CCF requires, grouped AVPs with their required members. */
    private IMessage messageWithRequiredAvps(CommandDefinition c) {
        IMessage m = new MessageParser().createEmptyMessage(c.code(), c.applicationId());
        m.setRequest(c.request());
        fill(m.getAvps(), c.required());
        return m;
    }

    private void fill(AvpSet set, List<AvpRule> rules) {
        for (AvpRule r : rules) {
            if (!r.required()) {
                continue;
            }
            AvpDefinition def = ours.avp(r.code(), r.vendorId()).orElseThrow();
            boolean m = def.mandatory() == FlagRule.MUST;
            if (def.isGrouped()) {
                fill(set.addGroupedAvp(r.code(), r.vendorId(), m, false), def.groupedRules());
            } else {
                set.addAvp(r.code(), new byte[] {0, 0, 0, 1}, r.vendorId(), m, false);
            }
        }
    }
}
