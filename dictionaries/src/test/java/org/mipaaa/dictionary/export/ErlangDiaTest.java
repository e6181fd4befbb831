package org.mipaaa.dictionary.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.DictionaryFragment;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The Erlang/OTP export compiled by the real {@code diameterc} and {@code erlc} (Debian's erlang-diameter
 * and erlang-dev), then used by OTP's own codec: every one of our messages, encoded here with every AVP
 * of its CCF, is decoded by {@code diameter_codec} with our compiled dictionaries without a single error,
 * and encoded again by it into the same AVPs (order aside), with a carrier's Vendor-Id and Application-Id.
 */
class ErlangDiaTest {

    private static final VendorSettings CARRIER = new VendorSettings(65001, 16777301);

    @TempDir
    Path work;

    private final Dictionary dictionary = Dictionary.bundled(CARRIER);
    private final ErlangDiaWriter writer = new ErlangDiaWriter();

    @BeforeAll
    static void toolsInstalled() {
        for (String tool : List.of("/usr/bin/diameterc", "/usr/bin/erlc", "/usr/bin/erl")) {
            if (!Files.isExecutable(Path.of(tool))) {
                fail(tool + " missing: install the Debian packages erlang-diameter and erlang-dev"
                        + " (test.tools of this module, .mvn/install-test-tools.sh)");
            }
        }
    }

    @Test
    void diametercCompilesTheExportAndOtpsCodecDecodesEveryMessageOfOurs() throws Exception {
        Map<String, String> files = writer.write(dictionary);
        assertThat(files.keySet()).containsExactly("mip_aaa_avps.dia", "mip_aaa_mipv4.dia", "mip_aaa_services.dia");
        compile(files);

        // every request and answer of our two applications, with every AVP its CCF names
        DictionaryFragment f = dictionary.fragment();
        Set<String> sent = new HashSet<>();
        List<String> modules = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        for (CommandDefinition c : f.commands()) {
            List<DiameterWire.Avp> avps = DiameterWire.allAvpsOf(dictionary, c, Map.of(
                    263, DiameterWire.utf8(263, "client.test.example;1;1"),
                    268, DiameterWire.unsigned32(268, 2001)), sent);
            int flags = (c.request() ? DiameterWire.FLAG_REQUEST : 0) | (c.proxiable() ? DiameterWire.FLAG_PROXIABLE : 0);
            messages.add(new DiameterWire.Message(flags, c.code(), c.applicationId(), 7, 7, avps).encode());
            modules.add(c.applicationId() == CARRIER.accountingServicesApplicationId() ? "mip_aaa_services" : "mip_aaa_mipv4");
        }
        assertThat(sent).containsAll(f.avps().stream().map(a -> a.code() + "/" + a.vendorId()).toList());

        List<String> results = decodeAndEncodeAgain(modules, messages);

        for (int i = 0; i < messages.size(); i++) {
            CommandDefinition c = f.commands().get(i);
            String[] r = results.get(i).split(" ", 3);
            assertThat(r[0]).as("record of %s", c.name()).isEqualTo(modules.get(i) + "_" + ErlangDiaWriter.messageName(c));
            assertThat(r[1]).as("decode errors of %s", c.name()).isEqualTo("[]");
            byte[] again = HexFormat.of().parseHex(r[2]);
            assertThat(canonical(again)).as("%s encoded again by Erlang", c.name()).isEqualTo(canonical(messages.get(i)));
        }
    }

    @Test
    void theCarriersNumbersAreInTheFiles() {
        Map<String, String> files = writer.write(dictionary);
        assertThat(files.get("mip_aaa_services.dia")).contains("@id     16777301").contains("@vendor 65001 MIP-AAA")
                .doesNotContain("32473").doesNotContain("1296629761");
        assertThat(files.get("mip_aaa_mipv4.dia")).contains("@id     2").contains("AMR ::= < Diameter Header: 260, REQ, PXY >")
                .contains("@inherits diameter_gen_base_rfc6733");
        assertThat(files.get("mip_aaa_avps.dia")).doesNotContain("@id").contains("@define MIP-Feature-Vector")
                .contains("@enum MIP-Algorithm-Type");
        assertThat(new ErlangDiaWriter("acme_mip").write(dictionary)).containsKey("acme_mip_services.dia");
    }

    @Test
    void aBrokenDictionaryFailsDiameterc() throws Exception {
        // the compile step of the test can fail: a rule naming an AVP nobody defines
        Map<String, String> files = new LinkedHashMap<>(writer.write(dictionary));
        compile(Map.of("mip_aaa_avps.dia", files.get("mip_aaa_avps.dia")));
        files.put("mip_aaa_services.dia", files.get("mip_aaa_services.dia").replace("{ Payee-Id }", "{ No-Such-AVP }"));
        assertThat(run(List.of("diameterc", "-i", work.toString(), "-o", work.toString(), write(files, "mip_aaa_services.dia")), false))
                .contains("No-Such-AVP");
    }

    /** Writes the .dia files and compiles each with diameterc and erlc, in order (later ones inherit earlier ones). */
    private void compile(Map<String, String> files) throws Exception {
        for (String name : files.keySet()) {
            String dia = write(files, name);
            run(List.of("diameterc", "-i", work.toString(), "-o", work.toString(), dia), true);
            run(List.of("erlc", "-o", work.toString(), work.resolve(name.replace(".dia", ".erl")).toString()), true);
        }
        Path kept = Path.of("target", "export-interop", "erlang");
        Files.createDirectories(kept);
        for (String name : files.keySet()) {
            Files.copy(work.resolve(name), kept.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String write(Map<String, String> files, String name) throws IOException {
        return Files.writeString(work.resolve(name), files.get(name), StandardCharsets.UTF_8).toString();
    }

    /**
     * Decodes each message with OTP's diameter_codec and our dictionary module, and encodes the decoded
     * record again: one line per message, "record-name errors hex".
     */
    private List<String> decodeAndEncodeAgain(List<String> modules, List<byte[]> messages) throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            Path bin = work.resolve("message-" + i + ".bin");
            Files.write(bin, messages.get(i));
            list.append(i == 0 ? "" : ",").append("{").append(modules.get(i)).append(",\"").append(bin).append("\"}");
        }
        String program = """
                Opts = #{app_dictionary => none, decode_format => record, string_decode => false, strict_mbit => true,
                         rfc => 6733, failed_avp => false, ordered_encode => false},
                lists:foreach(fun({Mod, File}) ->
                    {ok, Bin} = file:read_file(File),
                    O = Opts#{app_dictionary => Mod},
                    %% #diameter_packet{header, avps, msg, bin, errors, transport_data}
                    P = diameter_codec:decode(Mod, O, Bin),
                    Msg = element(4, P),
                    Again = case element(6, P) of
                        [] -> binary:encode_hex(element(5, diameter_codec:encode(Mod, O,
                                  {diameter_packet, element(2, P), undefined, Msg, undefined, [], undefined})));
                        _ -> <<"-">>
                    end,
                    io:format("~s ~w ~s~n", [element(1, Msg), element(6, P), Again])
                end, [%s]),
                halt().
                """.formatted(list);
        String out = run(List.of("erl", "-noshell", "-pa", work.toString(), "-eval", program), true);
        return out.lines().filter(l -> l.startsWith("mip_aaa_")).toList();
    }

    /** The AVPs of a message (members of grouped AVPs too) as sorted text: header flags, codes, data. */
    private List<String> canonical(byte[] message) throws IOException {
        DiameterWire.Message m = DiameterWire.read(new ByteArrayInputStream(message));
        return canonical(m.avps(), "");
    }

    private List<String> canonical(List<DiameterWire.Avp> avps, String path) throws IOException {
        List<String> out = new ArrayList<>();
        for (DiameterWire.Avp a : avps) {
            String id = path + a.code() + "/" + a.vendorId() + (a.mandatory() ? "M" : "");
            AvpDefinition def = dictionary.avp(a.code(), a.vendorId()).orElseThrow();
            if (def.isGrouped()) {
                out.add(id + " grouped");
                out.addAll(canonical(DiameterWire.avps(a.data()), id + ">"));
            } else {
                out.add(id + " " + HexFormat.of().formatHex(a.data()));
            }
        }
        out.sort(null);
        return out;
    }

    /** Runs a tool (bounded to 60 s); returns its output, failing with it when {@code mustSucceed} and it failed. */
    private String run(List<String> command, boolean mustSucceed) throws Exception {
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command.get(0) + " did not finish within 60 s");
        }
        if (mustSucceed && p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + output);
        }
        if (!mustSucceed && p.exitValue() == 0) {
            fail(String.join(" ", command) + " succeeded, but should have failed:\n" + output);
        }
        return output;
    }
}
