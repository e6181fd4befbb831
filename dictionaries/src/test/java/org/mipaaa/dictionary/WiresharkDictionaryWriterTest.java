package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The exporter reproduces the hand-maintained Wireshark file and follows a carrier's numbers. */
class WiresharkDictionaryWriterTest {

    private final WiresharkDictionaryWriter writer = new WiresharkDictionaryWriter();

    @Test
    void defaultOutputEqualsTheHandWrittenFileSemantically() {
        WiresharkFragment written = WiresharkFragment.parse(writer.write(Dictionary.bundled()));
        assertThat(written).isEqualTo(WiresharkFragment.bundled());
    }

    @Test
    void carrierOutputCarriesTheCarrierNumbersAndTheSameContent() {
        Dictionary d = Dictionary.bundled(new VendorSettings(65535, 16777300));
        String xml = writer.write(d);
        WiresharkFragment f = WiresharkFragment.parse(xml);
        assertThat(f).isEqualTo(WiresharkFragment.expectedFrom(d));
        assertThat(f.vendors().get(0).code()).isEqualTo(65535L);
        assertThat(f.applications().get(0).id()).isEqualTo(16777300L);
        assertThat(xml).doesNotContain("32473").doesNotContain("1296629761");
        // apart from the numbers, the same file as for the defaults
        WiresharkFragment defaults = WiresharkFragment.bundled();
        assertThat(f.applications().get(0).commands()).isEqualTo(defaults.applications().get(0).commands());
        assertThat(f.applications().get(0).avps()).isEqualTo(defaults.applications().get(0).avps());
    }

    @Test
    void onlyTheVendorApplicationIsRendered() {
        String xml = writer.write(Dictionary.bundled());
        assertThat(xml).doesNotContain("MIP-Reg-Request").doesNotContain("Session-Id").doesNotContain("application id=\"2\"");
        assertThat(xml.indexOf("<vendor ")).isEqualTo(xml.lastIndexOf("<vendor "));
        assertThat(xml).doesNotContain("<!DOCTYPE");
        assertThat(xml.replace("<!--", "").replace("-->", "")).as("no '--' inside XML comments").doesNotContain("--");
    }

    @Test
    void mainPrintsTheDictionaryForTheGivenNumbers() throws Exception {
        String out = runMain("--vendor-id", "65535", "--application-id", "0x1000054");
        assertThat(WiresharkFragment.parse(out).vendors().get(0).code()).isEqualTo(65535L);
        assertThat(WiresharkFragment.parse(out).applications().get(0).id()).isEqualTo(0x1000054L);
    }

    @Test
    void mainWithBadArgumentsPrintsUsageAndNoDictionary() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(runMain("--vendor-id", "nope")).isEmpty();
            assertThat(runMain("--application-id", "2")).isEmpty();
        } finally {
            System.setErr(err);
        }
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("usage:").contains("vendor-specific");
    }

    private static String runMain(String... args) throws java.io.UnsupportedEncodingException {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            WiresharkDictionaryWriter.main(args);
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
