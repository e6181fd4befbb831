package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Both shipped XML files are well-formed for the JDK parser, and the model loads from the bundled one. */
class XmlFilesParseTest {

    @Test
    void jdiameterDictionaryIsWellFormedXmlWithDictionaryRoot() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(Dictionary.BUNDLED_RESOURCE)) {
            assertThat(in).as(Dictionary.BUNDLED_RESOURCE).isNotNull();
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("dictionary");
            assertThat(doc.getElementsByTagName("avpdefn").getLength()).isGreaterThan(100);
            assertThat(doc.getElementsByTagName("command").getLength()).isGreaterThan(30);
        }
    }

    @Test
    void wiresharkFragmentParsesAsTheExternalEntityWiresharkIncludes() {
        WiresharkFragment ws = WiresharkFragment.bundled();
        assertThat(ws.vendors()).extracting(WiresharkFragment.Vendor::code).containsExactly(VendorIds.MIP_AAA_DEFAULT);
        assertThat(ws.applications()).hasSize(1);
        assertThat(ws.applications().get(0).id()).isEqualTo(ApplicationIds.MIP_ACCOUNTING_SERVICES);
        assertThat(ws.applications().get(0).commands()).hasSize(8);
    }

    @Test
    void wiresharkFragmentHelperRejectsBrokenXml() {
        assertThatThrownBy(() -> WiresharkFragment.parse("<vendor vendor-id=\"X\" code=\"1\"><application>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bundledDictionaryLoadsAllApplications() {
        Dictionary d = Dictionary.bundled();
        assertThat(d.applicationIds()).containsExactly(ApplicationIds.COMMON_MESSAGES, ApplicationIds.BASE_ACCOUNTING,
                ApplicationIds.MOBILE_IPV4, ApplicationIds.CREDIT_CONTROL, ApplicationIds.RELAY,
                ApplicationIds.MIP_ACCOUNTING_SERVICES);
        assertThat(d.commands()).hasSize(34);
        assertThat(d.avps()).hasSize(113);
        assertThat(d.vendorSettings()).isEqualTo(VendorSettings.defaults());
        assertThat(Dictionary.bundled()).isSameAs(d);
        assertThat(Dictionary.bundled(VendorSettings.defaults())).isSameAs(d);
    }

    @Test
    void everyCommandComesInBothDirectionsWithTheSameFlags() {
        Dictionary d = Dictionary.bundled();
        for (CommandDefinition c : d.commands()) {
            CommandDefinition other = d.command(c.applicationId(), c.code(), !c.request()).orElseThrow(
                    () -> new AssertionError("no " + (c.request() ? "answer" : "request") + " for " + c.name()));
            assertThat(other.proxiable()).as(c.name()).isEqualTo(c.proxiable());
            assertThat(c.name()).endsWith(c.request() ? "-Request" : "-Answer");
            assertThat(c.abbreviation()).as(c.name()).isNotBlank();
        }
    }
}
