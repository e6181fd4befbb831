package org.mipaaa.dictionary.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.dictionary.WiresharkDictionaryWriter;

/** The export command writes every format from the one model, with the carrier's numbers. */
class ExportDictionariesTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesEveryFormatWithTheCarriersNumbers() throws Exception {
        int status = run("--out", dir.toString(), "--vendor-id", "65001", "--application-id", "0x1000055");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExportDictionaries.WRITTEN);
        Dictionary carrier = Dictionary.bundled(new VendorSettings(65001, 0x1000055));
        try (InputStream in = Files.newInputStream(dir.resolve("jdiameter/dictionary.xml"))) {
            assertThat(Dictionary.load(in, new VendorSettings(65001, 0x1000055))).isEqualTo(carrier);
        }
        assertThat(Files.readString(dir.resolve("jdiameter/mip-aaa-fragment.xml"))).isEqualTo(carrier.fragment().toJDiameterXml());
        assertThat(Files.readString(dir.resolve("wireshark/wireshark-mip-aaa.xml"))).isEqualTo(new WiresharkDictionaryWriter().write(carrier));
        assertThat(Files.readString(dir.resolve("freediameter/mip-aaa.xml"))).isEqualTo(new FreeDiameterXmlWriter().write(carrier));
        assertThat(Files.readString(dir.resolve("freediameter/dict_legacy_xml.conf")))
                .contains("\"" + dir.resolve("freediameter/mip-aaa.xml").toAbsolutePath() + "\";");
        for (String dia : new String[] {"mip_aaa_avps.dia", "mip_aaa_mipv4.dia", "mip_aaa_services.dia"}) {
            assertThat(Files.readString(dir.resolve("erlang").resolve(dia))).isEqualTo(new ErlangDiaWriter().write(carrier).get(dia));
        }
        try (var all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })).as("no file keeps the default numbers").noneMatch(s -> s.contains("32473") || s.contains("1296629761"));
        }
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).as("the files written").hasSize(8);
    }

    @Test
    void oneFormatAndItsOptions() throws Exception {
        int status = run("--out", dir.toString(), "--format", "freediameter", "--freediameter-alongside", "dict_nasreq, dict_dcca.fdx");

        assertThat(status).isEqualTo(ExportDictionaries.WRITTEN);
        assertThat(Files.readString(dir.resolve("freediameter/mip-aaa.xml")))
                .isEqualTo(new FreeDiameterXmlWriter().write(Dictionary.bundled(),
                        Set.of(FreeDiameterExtension.DICT_NASREQ, FreeDiameterExtension.DICT_DCCA)))
                .contains("defined by freeDiameter's dict_dcca");
        assertThat(dir.resolve("erlang")).doesNotExist();
        assertThat(run("--out", dir.toString(), "--format", "erlang", "--erlang-prefix", "acme")).isEqualTo(ExportDictionaries.WRITTEN);
        assertThat(dir.resolve("erlang/acme_services.dia")).exists();
    }

    @Test
    void badArgumentsExitTwoAndWriteNothing() {
        assertThat(run()).isEqualTo(ExportDictionaries.FAILED);
        assertThat(run("--out", dir.toString(), "--format", "seagull")).isEqualTo(ExportDictionaries.FAILED);
        assertThat(run("--out", dir.toString(), "--freediameter-alongside", "dict_foo")).isEqualTo(ExportDictionaries.FAILED);
        assertThat(run("--out", dir.toString(), "--erlang-prefix", "Bad-Name")).isEqualTo(ExportDictionaries.FAILED);
        assertThat(run("--out", dir.toString(), "--vendor-id", "0")).isEqualTo(ExportDictionaries.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:").contains("dict_foo");
        assertThat(dir.toFile().list()).isEmpty();
    }

    private int run(String... args) {
        return ExportDictionaries.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
