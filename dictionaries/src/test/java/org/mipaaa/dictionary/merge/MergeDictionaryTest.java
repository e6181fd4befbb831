package org.mipaaa.dictionary.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command an installation script runs: files in, merged file and report out, an exit status to test. */
class MergeDictionaryTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void mergesACleanCarrierFileWithTheCarriersNumbers() throws Exception {
        Path carrier = write("dictionary.xml", DictionaryMergerTest.carrier());
        Path merged = dir.resolve("merged.xml");

        int status = run("--carrier", carrier.toString(), "--out", merged.toString(), "--vendor-id", "65535",
                "--application-id", "0x1000054");

        assertThat(status).as(err()).isEqualTo(MergeDictionary.MERGED);
        String xml = Files.readString(merged);
        assertThat(xml).contains("<vendor vendor-id=\"MIPAAA\" code=\"65535\" name=\"MIP-AAA\"/>")
                .contains("<application id=\"16777300\" name=\"MIP-Accounting-Services\" vendor-id=\"MIPAAA\">")
                .contains("<application id=\"4\" vendor-id=\"None\" name=\"Diameter Credit Control Application\">");
        assertThat(out()).contains("merged into " + carrier).contains("MERGED: no conflicts.");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").hasSize(2);
        }
    }

    @Test
    void conflictRefusesWritesNothingAndExitsOne() throws Exception {
        String conflicting = DictionaryMergerTest.carrier().replace("<vendor vendor-id=\"ACME\" code=\"99999\"",
                "<vendor vendor-id=\"ACME\" code=\"32473\"");
        Path carrier = write("dictionary.xml", conflicting);
        Path merged = dir.resolve("merged.xml");
        Path report = dir.resolve("report.txt");

        int status = run("--carrier", carrier.toString(), "--out", merged.toString(), "--report", report.toString());

        assertThat(status).isEqualTo(MergeDictionary.REFUSED);
        assertThat(merged).doesNotExist();
        assertThat(Files.readString(report)).contains("VENDOR Vendor-Id 32473").contains("REFUSED: 1 conflict(s)");
        assertThat(err()).contains("refused: 1 conflict(s)");

        assertThat(run("--carrier", carrier.toString(), "--out", merged.toString(), "--prefer", "carrier"))
                .isEqualTo(MergeDictionary.MERGED);
        assertThat(Files.readString(merged)).contains("vendor-id=\"ACME\" code=\"32473\" name=\"ACME Telecom\"");
    }

    @Test
    void badArgumentsAndBadFilesExitTwo() throws Exception {
        assertThat(run("--carrier")).isEqualTo(MergeDictionary.FAILED);
        assertThat(run("--out", dir.resolve("x").toString())).isEqualTo(MergeDictionary.FAILED);
        assertThat(run("--carrier", "a", "--out", "b", "--prefer", "both")).isEqualTo(MergeDictionary.FAILED);
        assertThat(run("--carrier", "a", "--out", "b", "--application-id", "2")).isEqualTo(MergeDictionary.FAILED);
        assertThat(err()).contains("usage:").contains("vendor-specific");
        assertThat(run("--carrier", dir.resolve("missing.xml").toString(), "--out", dir.resolve("m.xml").toString()))
                .isEqualTo(MergeDictionary.FAILED);
        Path notXml = write("broken.xml", "<dictionary><vendor");
        assertThat(run("--carrier", notXml.toString(), "--out", dir.resolve("m.xml").toString())).isEqualTo(MergeDictionary.FAILED);
        assertThat(err()).contains("broken.xml line 1");
        assertThat(dir.resolve("m.xml")).doesNotExist();
    }

    private int run(String... args) {
        return MergeDictionary.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
