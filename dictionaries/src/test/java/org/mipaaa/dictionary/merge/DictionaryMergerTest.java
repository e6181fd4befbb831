package org.mipaaa.dictionary.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.DictionaryFormatException;
import org.mipaaa.dictionary.DictionaryFragment;
import org.mipaaa.dictionary.VendorSettings;
import org.w3c.dom.Element;

/**
 * The merge against a carrier dictionary in jDiameter's upstream style ({@code carrier-dictionary.xml}:
 * RFC 3588-era base, its own Credit-Control application, a 3GPP AVP): what is added, what is kept once,
 * and each kind of conflict, refused by default and resolved either way when told.
 */
class DictionaryMergerTest {

    private static final String CARRIER = "carrier-dictionary.xml";

    private final DictionaryMerger merger = new DictionaryMerger();
    private final Dictionary ours = Dictionary.bundled();

    @Test
    void cleanCarrierGetsOurApplicationsAndKeepsItsOwn() {
        MergeResult r = merge(carrier(), Resolution.REFUSE);

        assertThat(r.refused()).isFalse();
        assertThat(r.report().conflicts()).isEmpty();
        JDiameterDocument merged = reread(r);
        // ours, as jDiameter will index them
        DictionaryFragment f = ours.fragment();
        for (AvpDefinition a : f.avps()) {
            assertThat(merged.avp(a.code(), a.vendorId())).as(a.name()).isPresent();
        }
        for (CommandDefinition c : f.commands()) {
            assertThat(merged.command(c.applicationId(), c.code(), c.request())).as(c.name()).isPresent()
                    .get().extracting(cmd -> cmd.shape().rules()).isEqualTo(CommandShape.of(c).rules());
        }
        // the carrier's own, untouched: base, accounting, Credit-Control, 3GPP
        assertThat(merged.command(ApplicationIds.CREDIT_CONTROL, 272, true)).isPresent();
        assertThat(merged.command(0, 257, true)).isPresent();
        assertThat(merged.avp(2, 10415)).map(JDiameterDocument.Avp::name).hasValue("3GPP-Charging-Id");
        assertThat(merged.avp(263, 0).orElseThrow().shape().protectedBit()).as("the carrier's base kept").isEqualTo("may");
        assertThat(merged.applications(0)).extracting(JDiameterDocument.Application::name).containsExactly("Base");
        // the RFC 4006 AVPs both define identically are there once, the carrier's
        assertThat(r.report().identical()).anyMatch(s -> s.startsWith("CC-Money (413")).anyMatch(s -> s.startsWith("Unit-Value (445"));
        assertThat(merged.avps().stream().filter(a -> a.shape().code() == 413)).hasSize(1);
        assertThat(r.report().added()).anyMatch(s -> s.startsWith("MIP-Reg-Request (320"))
                .anyMatch(s -> s.startsWith("application 2 Mobile-IPv4"))
                .anyMatch(s -> s.startsWith("vendor MIP-AAA (Vendor-Id 32473"))
                .noneMatch(s -> s.contains("Session-Id"));
        assertThat(merged.warnings()).as("nothing jDiameter would skip").isEmpty();
        assertThat(r.toXml()).contains("ACME Telecom").contains("mip-aaa, merged by org.mipaaa.dictionary.merge");
    }

    @Test
    void mergingTheFragmentIntoOurOwnBaseGivesTheWholeDictionaryBack() {
        // the fragment and the whole file come from one source: base + fragment = whole
        String whole = ours.toJDiameterXml();
        String baseOnly = withoutFragment(whole);
        MergeResult r = merge(baseOnly, Resolution.REFUSE);

        assertThat(r.report().conflicts()).isEmpty();
        Dictionary back = Dictionary.load(new ByteArrayInputStream(r.toBytes()), VendorSettings.defaults());
        assertThat(new HashSet<>(back.avps())).isEqualTo(new HashSet<>(ours.avps()));
        assertThat(new HashSet<>(back.commands())).isEqualTo(new HashSet<>(ours.commands()));
        assertThat(new HashSet<>(back.applications())).isEqualTo(new HashSet<>(ours.applications()));
    }

    @Test
    void avpDefinedDifferentlyIsRefusedWithBothDefinitionsAndTheLine() {
        // the carrier has MIPv6's MIP-Home-Agent-Address (RFC 5447) with the P bit "mustnot", like jDiameter's upstream file
        String carrier = carrier().replace("<!-- RFC 4006 Credit-Control AVPs", """
                <avpdefn name="MIP-Home-Agent-Address" code="334" mandatory="must" protected="mustnot" may-encrypt="no" vendor-bit="mustnot">
                    <type type-name="IPAddress"/>
                  </avpdefn>
                  <!-- RFC 4006 Credit-Control AVPs""");
        MergeResult r = merge(carrier, Resolution.REFUSE);

        assertThat(r.refused()).isTrue();
        assertThat(r.document()).isEmpty();
        assertThat(r.report().conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.AVP);
            assertThat(c.subject()).contains("AVP 334 (Vendor-Id 0)").contains("MIP-Home-Agent-Address");
            assertThat(c.carrierWhere()).startsWith(CARRIER + " line ");
            assertThat(c.carrierDefinition()).contains("protected=mustnot").contains("type=Address");
            assertThat(c.ourDefinition()).contains("protected=may");
            assertThat(c.differences()).containsExactly("protected (P): carrier mustnot, mip-aaa may");
        });
        assertThat(r.report().toString()).contains("REFUSED: 1 conflict(s)").contains("--prefer carrier or --prefer ours");
        assertThatThrownBy(r::toXml).isInstanceOf(IllegalStateException.class);

        // told which side wins
        MergeResult carrierWins = merge(carrier, Resolution.CARRIER_WINS);
        assertThat(reread(carrierWins).avp(334, 0).orElseThrow().shape().protectedBit()).isEqualTo("mustnot");
        MergeResult oursWin = merge(carrier, Resolution.OURS_WINS);
        JDiameterDocument merged = reread(oursWin);
        assertThat(merged.avp(334, 0).orElseThrow().shape().protectedBit()).isEqualTo("may");
        assertThat(merged.avps().stream().filter(a -> a.shape().code() == 334)).hasSize(1);
        assertThat(merged.warnings()).isEmpty();
    }

    @Test
    void avpWithAnotherNameIsAConflictAndTheWinnersNameIsUsedByEveryReference() {
        // the same code, named as Wireshark names it
        String carrier = carrier().replace("<!-- RFC 4006 Credit-Control AVPs", """
                <avpdefn name="Accounting-Input-Octets-Renamed" code="363" mandatory="must" protected="shouldnot" may-encrypt="no" vendor-bit="mustnot">
                    <type type-name="Unsigned64"/>
                  </avpdefn>
                  <!-- RFC 4006 Credit-Control AVPs""");
        MergeResult refused = merge(carrier, Resolution.REFUSE);
        assertThat(refused.report().conflicts()).singleElement().extracting(Conflict::differences)
                .isEqualTo(List.of("name: carrier Accounting-Input-Octets-Renamed, mip-aaa Accounting-Input-Octets"));

        MergeResult carrierWins = merge(carrier, Resolution.CARRIER_WINS);
        String xml = carrierWins.toXml();
        assertThat(xml).contains("<avp name=\"Accounting-Input-Octets-Renamed\" code=\"363\" vendor=\"0\"")
                .doesNotContain("name=\"Accounting-Input-Octets\"");
    }

    @Test
    void avpNameOfTheCarrierForAnotherCodeIsAConflict() {
        // a carrier AVP that happens to have the name of one of our vendor AVPs
        String carrier = carrier().replace("<!-- 3GPP TS 29.061 -->", """
                <avpdefn name="Billing-Period" code="7001" vendor-id="ACME" mandatory="must" protected="mustnot" may-encrypt="no" vendor-bit="must">
                    <type type-name="UTF8String"/>
                  </avpdefn>
                  <avpdefn name="ACME-Bill" code="7002" vendor-id="ACME" mandatory="must" protected="mustnot" may-encrypt="no" vendor-bit="must">
                    <grouped><avp name="Billing-Period" multiplicity="1"/></grouped>
                  </avpdefn>
                  <!-- 3GPP TS 29.061 -->""");
        MergeResult refused = merge(carrier, Resolution.REFUSE);
        assertThat(refused.report().conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.AVP_NAME);
            assertThat(c.carrierDefinition()).contains("code=7001 vendor=99999");
        });

        JDiameterDocument carrierWins = reread(merge(carrier, Resolution.CARRIER_WINS));
        assertThat(carrierWins.avp(11, 32473)).map(JDiameterDocument.Avp::name).hasValue("Billing-Period.32473.11");
        assertThat(carrierWins.avp("Billing-Period").orElseThrow().shape().code()).isEqualTo(7001);
        assertThat(carrierWins.warnings()).isEmpty();

        JDiameterDocument oursWin = reread(merge(carrier, Resolution.OURS_WINS));
        assertThat(oursWin.avp(11, 32473)).map(JDiameterDocument.Avp::name).hasValue("Billing-Period");
        assertThat(oursWin.avp(7001, 99999)).map(JDiameterDocument.Avp::name).hasValue("Billing-Period.99999.7001");
        // the carrier's grouped AVP follows its member's new name
        assertThat(oursWin.avp("ACME-Bill").orElseThrow().shape().members()).containsExactly("7001/99999 1");
        assertThat(oursWin.warnings()).isEmpty();
    }

    @Test
    void commandOfTheSameApplicationDefinedDifferentlyIsAConflict() {
        String carrier = carrier().replace("</dictionary>", """
                  <application id="2" name="Mobile-IPv4">
                    <command name="AA-Mobile-Node-Request" code="260" request="true">
                      <avp name="Session-Id" code="263" vendor="0" multiplicity="1" index="0"/>
                      <avp name="Origin-Host" code="264" vendor="0" multiplicity="1" index="-1"/>
                    </command>
                  </application>
                </dictionary>""");
        MergeResult r = merge(carrier, Resolution.REFUSE);

        assertThat(r.report().conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.COMMAND);
            assertThat(c.subject()).contains("AA-Mobile-Node-Request (260 request, application 2)");
            assertThat(c.differences()).anyMatch(d -> d.startsWith("AVP rules only in mip-aaa: ") && d.contains("320/0 1"));
        });
        // the application itself is the same (id, name, vendor): its other commands are simply added
        assertThat(r.report().identical()).contains("application 2 Mobile-IPv4");

        JDiameterDocument oursWin = reread(merge(carrier, Resolution.OURS_WINS));
        assertThat(oursWin.command(2, 260, true).orElseThrow().shape().rules()).contains("320/0 1");
        assertThat(oursWin.command(2, 262, true)).isPresent();
        assertThat(oursWin.applications(2)).hasSize(1);
    }

    @Test
    void applicationIdOfAnotherNameOrVendorIsAConflict() {
        String carrier = carrier().replace("</dictionary>", """
                  <application id="1296629761" name="ACME-Billing" vendor-id="ACME"/>
                </dictionary>""");
        MergeResult r = merge(carrier, Resolution.REFUSE);

        assertThat(r.report().conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.APPLICATION);
            assertThat(c.subject()).isEqualTo("Application-Id 1296629761");
            assertThat(c.differences()).containsExactly("name: carrier ACME-Billing, mip-aaa MIP-Accounting-Services",
                    "vendor: carrier 99999, mip-aaa 32473");
        });
    }

    @Test
    void vendorIdOfAnotherNameIsAConflictAndAClashingSymbolIsRenamed() {
        String sameCode = carrier().replace("<vendor vendor-id=\"ACME\" code=\"99999\"", "<vendor vendor-id=\"ACME\" code=\"32473\"");
        MergeResult r = merge(sameCode, Resolution.REFUSE);
        assertThat(r.report().conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.VENDOR);
            assertThat(c.differences()).containsExactly("name: carrier ACME Telecom, mip-aaa MIP-AAA");
        });
        // the carrier wins: its symbol is the one our AVPs use
        String xml = merge(sameCode, Resolution.CARRIER_WINS).toXml();
        assertThat(xml).contains("<avpdefn name=\"Payee-Id\" code=\"1\" vendor-id=\"ACME\"").doesNotContain("\"MIPAAA\"");

        // a symbol is only a name inside the file: the carrier's MIPAAA for another code is no conflict
        String sameSymbol = carrier().replace("<vendor vendor-id=\"ACME\" code=\"99999\"", "<vendor vendor-id=\"MIPAAA\" code=\"99999\"");
        MergeResult renamed = merge(sameSymbol, Resolution.REFUSE);
        assertThat(renamed.report().conflicts()).isEmpty();
        assertThat(renamed.report().notes()).anyMatch(n -> n.contains("ours (Vendor-Id 32473) is written as MIPAAA-2"));
        JDiameterDocument merged = reread(renamed);
        assertThat(merged.avp(1, 32473)).map(JDiameterDocument.Avp::name).hasValue("Payee-Id");
        assertThat(merged.vendorCode("MIPAAA")).isEqualTo(99999L);
    }

    @Test
    void theCarriersVendorSettingsAreApplied() {
        MergeResult r = merger.merge(in(carrier()), CARRIER, Dictionary.bundled(new VendorSettings(99999, 16777300)),
                Resolution.REFUSE);

        // the carrier's own enterprise number is already declared (ACME): same code, other name
        assertThat(r.report().conflicts()).singleElement().extracting(Conflict::kind).isEqualTo(Conflict.Kind.VENDOR);
        MergeResult resolved = merger.merge(in(carrier()), CARRIER, Dictionary.bundled(new VendorSettings(99999, 16777300)),
                Resolution.CARRIER_WINS);
        JDiameterDocument merged = reread(resolved);
        assertThat(merged.avp(1, 99999)).map(JDiameterDocument.Avp::name).hasValue("Payee-Id");
        assertThat(merged.applications(16777300)).singleElement().extracting(JDiameterDocument.Application::vendorId)
                .isEqualTo(99999L);
        assertThat(merged.command(16777300, 8408321, true)).isPresent();
        assertThat(resolved.toXml()).doesNotContain("32473").doesNotContain("1296629761");
    }

    @Test
    void aBaseAvpTheCarrierLacksIsAddedFromOurs() {
        String carrier = carrier().replaceAll("(?s)  <avpdefn name=\"Route-Record\".*?</avpdefn>\n", "")
                .replace("<avp name=\"Route-Record\" code=\"282\" vendor=\"0\" multiplicity=\"0+\" index=\"-1\"/>", "");
        MergeResult r = merge(carrier, Resolution.REFUSE);

        assertThat(r.report().conflicts()).isEmpty();
        assertThat(r.report().notes()).anyMatch(n -> n.contains("lacks base AVP Route-Record (282)"));
        assertThat(reread(r).avp(282, 0)).map(JDiameterDocument.Avp::name).hasValue("Route-Record");
    }

    @Test
    void somethingThatIsNotADictionaryJDiameterCouldLoadIsAnError() {
        assertThatThrownBy(() -> merge("<config/>", Resolution.REFUSE)).isInstanceOf(DictionaryFormatException.class)
                .hasMessageContaining("not a jDiameter dictionary");
        assertThatThrownBy(() -> merge("<!DOCTYPE dictionary [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><dictionary>&x;</dictionary>",
                Resolution.REFUSE)).isInstanceOf(DictionaryFormatException.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> merge(carrier().replace("code=\"272\" request=\"true\"", "code=\"CCR\" request=\"true\""),
                Resolution.REFUSE)).isInstanceOf(DictionaryFormatException.class)
                .hasMessageContaining(CARRIER + " line ").hasMessageContaining("jDiameter would reject this whole dictionary");
        byte[] huge = new byte[LocatedXml.MAX_BYTES + 1];
        assertThatThrownBy(() -> merger.merge(new ByteArrayInputStream(huge), CARRIER, ours, Resolution.REFUSE))
                .isInstanceOf(DictionaryFormatException.class).hasMessageContaining("larger than");
        String deep = "<dictionary>" + "<a>".repeat(40) + "</a>".repeat(40) + "</dictionary>";
        assertThatThrownBy(() -> merge(deep, Resolution.REFUSE)).isInstanceOf(DictionaryFormatException.class)
                .hasMessageContaining("deeper than");
    }

    @Test
    void carrierSloppinessIsReportedAsWarningsNotRefused() {
        String carrier = carrier().replace("<avp name=\"Route-Record\" code=\"282\" vendor=\"0\" multiplicity=\"0+\" index=\"-1\"/>\n    </command>\n    <command name=\"Credit-Control-Answer\"",
                "<avp name=\"Route-Record\" code=\"282\" vendor=\"0\" multiplicity=\"0+\" index=\"-1\"/>\n"
                        + "      <avp name=\"Nowhere\" code=\"9999\" vendor=\"0\" multiplicity=\"0-1\"/>\n    </command>\n"
                        + "    <command name=\"Credit-Control-Answer\"");
        MergeResult r = merge(carrier, Resolution.REFUSE);

        assertThat(r.refused()).isFalse();
        assertThat(r.report().warnings()).singleElement().asString().contains("lists AVP 9999/0, which is not defined");
    }

    // --- fixtures -------------------------------------------------------------------------------

    private MergeResult merge(String carrierXml, Resolution resolution) {
        return merger.merge(in(carrierXml), CARRIER, ours, resolution);
    }

    static String carrier() {
        try (InputStream in = DictionaryMergerTest.class.getResourceAsStream(CARRIER)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream in(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static JDiameterDocument reread(MergeResult r) {
        assertThat(r.refused()).as("refused:%n%s", r.report()).isFalse();
        return JDiameterDocument.read(new ByteArrayInputStream(r.toBytes()), "merged");
    }

    /** Our whole file with the fragment's elements removed: a "carrier" that is exactly our base. */
    private String withoutFragment(String whole) {
        var doc = LocatedXml.parse(in(whole), "ours");
        DictionaryFragment f = ours.fragment();
        Set<String> avps = new HashSet<>();
        f.avps().forEach(a -> avps.add(a.name()));
        Set<String> apps = new HashSet<>();
        f.applications().forEach(a -> apps.add(Long.toString(a.id())));
        for (Element e : JDiameterDocument.elements(doc.getElementsByTagName("avpdefn"))) {
            if (avps.contains(e.getAttribute("name"))) {
                e.getParentNode().removeChild(e);
            }
        }
        for (Element e : JDiameterDocument.elements(doc.getElementsByTagName("application"))) {
            if (apps.contains(e.getAttribute("id"))) {
                e.getParentNode().removeChild(e);
            }
        }
        for (Element e : JDiameterDocument.elements(doc.getElementsByTagName("vendor"))) {
            if (e.getAttribute("vendor-id").equals(Dictionary.VENDOR_SYMBOL)) {
                e.getParentNode().removeChild(e);
            }
        }
        return new MergeResult(new MergeReport("ours", VendorSettings.defaults(), Resolution.REFUSE), doc).toXml();
    }
}
