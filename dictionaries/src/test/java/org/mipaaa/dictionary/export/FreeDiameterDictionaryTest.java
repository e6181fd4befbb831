package org.mipaaa.dictionary.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.DictionaryFragment;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The freeDiameter export loaded by a real freeDiameterd 1.2.1 through {@code dict_legacy_xml.fdx}
 * (built from Debian's source package of the installed freeDiameter: Debian does not ship it, see
 * {@code src/test/freediameter/build-dict-legacy-xml.sh}), with a carrier's Vendor-Id and Application-Id.
 * The proof is freeDiameter's behaviour, not only its silence: the test sends it one request of each of
 * our commands carrying every AVP of the command (grouped ones with all their members), and the daemon's
 * own dump of each received message ({@code dbg_msg_dumps.fdx}) must name the command and every AVP,
 * vendor AVPs with our vendor; it must answer each with a routing error (3xxx), never a decoding one.
 */
class FreeDiameterDictionaryTest {

    private static final VendorSettings CARRIER = new VendorSettings(65001, 16777301);
    private static final Path BUILD_SCRIPT = Path.of("src/test/freediameter/build-dict-legacy-xml.sh");

    private static Path dictLegacyXml;

    @TempDir
    Path work;

    private final Dictionary dictionary = Dictionary.bundled(CARRIER);
    private final FreeDiameterXmlWriter writer = new FreeDiameterXmlWriter();

    @BeforeAll
    static void buildTheExtension() throws Exception {
        if (!FreeDiameterDaemon.installed()) {
            fail("freeDiameterd or dbg_msg_dumps.fdx missing: install the Debian packages freediameter and "
                    + "freediameter-extensions (test.tools of this module, .mvn/install-test-tools.sh)");
        }
        // cached per user across builds: the first build fetches the source package and compiles (~10 s)
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "mip-aaa", "freediameter");
        Process p = new ProcessBuilder("bash", BUILD_SCRIPT.toString(), cache.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("building dict_legacy_xml.fdx failed:\n" + output);
        }
        dictLegacyXml = cache.resolve("dict_legacy_xml.fdx");
    }

    @Test
    void freeDiameterWithOnlyItsCoreDictionaryDecodesEveryAvpAndCommandOfOurs() throws Exception {
        Path xml = Files.writeString(work.resolve("mip-aaa.xml"), writer.write(dictionary), StandardCharsets.UTF_8);

        String log = exchangeEveryCommand(List.of(loadXml(xml)));

        assertThat(log).doesNotContain("[dict_legacy_xml]").doesNotContain("Conflicting entry");
    }

    @Test
    void alongsideFreeDiametersOwnDictionariesOursLeavesTheirAvpsToThem() throws Exception {
        Set<FreeDiameterExtension> theirs = EnumSet.allOf(FreeDiameterExtension.class);
        Path xml = Files.writeString(work.resolve("mip-aaa.xml"), writer.write(dictionary, theirs), StandardCharsets.UTF_8);
        List<String> load = new ArrayList<>();
        // in the order their own dependencies require
        for (String ext : List.of("dict_nasreq", "dict_dcca", "dict_rfc5777", "dict_mip6a", "dict_mip6i", "dict_nas_mipv6")) {
            load.add("\"" + FreeDiameterDaemon.EXTENSIONS.resolve(ext + ".fdx") + "\"");
        }
        load.add(loadXml(xml));

        String log = exchangeEveryCommand(load);

        assertThat(log).doesNotContain("[dict_legacy_xml]").doesNotContain("Conflicting entry");
        assertThat(Files.readString(xml)).contains("<!-- MIP-Algorithm-Type (345): defined by freeDiameter's dict_mip6a, dict_mip6i -->")
                .doesNotContain("<avp name=\"MIP-Algorithm-Type\"");
    }

    @Test
    void withoutLeavingThemOutTheSameDictionariesStopFreeDiameter() throws Exception {
        // why the exporter takes the list: dict_legacy_xml 1.2.1 cannot reconcile an Enumerated AVP defined twice
        Path xml = Files.writeString(work.resolve("mip-aaa.xml"), writer.write(dictionary), StandardCharsets.UTF_8);
        List<String> load = List.of("\"" + FreeDiameterDaemon.EXTENSIONS.resolve("dict_nasreq.fdx") + "\"",
                "\"" + FreeDiameterDaemon.EXTENSIONS.resolve("dict_rfc5777.fdx") + "\"",
                "\"" + FreeDiameterDaemon.EXTENSIONS.resolve("dict_mip6i.fdx") + "\"", loadXml(xml));
        try (FreeDiameterDaemon fd = FreeDiameterDaemon.start(work, load)) {
            assertThat(fd.awaitExit(Duration.ofSeconds(15))).as("freeDiameterd exits by itself").isNotEqualTo(-1);
            assertThat(fd.log()).contains("Conflicting entry").contains("MIP-Algorithm-Type")
                    .contains("returned an error during initialization").doesNotContain("daemon initialized");
        }
    }

    /** The LoadExtension value for dict_legacy_xml: its configuration file lists our XML file. */
    private String loadXml(Path xml) throws IOException {
        Path conf = Files.writeString(work.resolve("dict_legacy_xml.conf"), "\"" + xml + "\";\n", StandardCharsets.UTF_8);
        return "\"" + dictLegacyXml + "\" : \"" + conf + "\"";
    }

    /**
     * Starts freeDiameterd with {@code loadExtensions} as a relay between the test's client and server,
     * relays one request of each of our commands with all its AVPs and the server's answer with all of
     * its, checks what arrived and the daemon's dumps of both, and returns its log.
     */
    private String exchangeEveryCommand(List<String> loadExtensions) throws Exception {
        DictionaryFragment fragment = dictionary.fragment();
        Set<String> sent = new HashSet<>();
        Map<CommandDefinition, Set<String>> avpsByCommand = new LinkedHashMap<>();
        List<DiameterWire.Message> answers = new ArrayList<>();
        String log;
        FreeDiameterDaemon fd = FreeDiameterDaemon.start(work, loadExtensions);
        try {
            fd.acceptCapabilitiesExchange(CARRIER.vendorId(), CARRIER.accountingServicesApplicationId());
            int n = 0;
            for (CommandDefinition c : fragment.commands()) {
                if (!c.request()) {
                    continue;
                }
                CommandDefinition answerOfC = dictionary.command(c.applicationId(), c.code(), false).orElseThrow();
                String session = FreeDiameterDaemon.CLIENT + ";1;" + (++n);
                Set<String> inRequest = new HashSet<>();
                List<DiameterWire.Avp> request = DiameterWire.allAvpsOf(dictionary, c, Map.of(
                        263, DiameterWire.utf8(263, session),
                        264, DiameterWire.utf8(264, FreeDiameterDaemon.CLIENT),
                        296, DiameterWire.utf8(296, FreeDiameterDaemon.CLIENT_REALM),
                        283, DiameterWire.utf8(283, FreeDiameterDaemon.SERVER_REALM),
                        293, DiameterWire.utf8(293, FreeDiameterDaemon.SERVER)), inRequest);
                Set<String> inAnswer = new HashSet<>();
                List<DiameterWire.Avp> answer = DiameterWire.allAvpsOf(dictionary, answerOfC, Map.of(
                        263, DiameterWire.utf8(263, session),
                        264, DiameterWire.utf8(264, FreeDiameterDaemon.SERVER),
                        296, DiameterWire.utf8(296, FreeDiameterDaemon.SERVER_REALM),
                        268, DiameterWire.unsigned32(268, 2001)), inAnswer);
                sent.addAll(inRequest);
                sent.addAll(inAnswer);
                avpsByCommand.put(c, inRequest);
                avpsByCommand.put(answerOfC, inAnswer);
                int pBit = c.proxiable() ? DiameterWire.FLAG_PROXIABLE : 0;
                List<DiameterWire.Message> relayed = fd.relay(DiameterWire.FLAG_REQUEST | pBit, c.code(), c.applicationId(),
                        request, fwd -> new DiameterWire.Message(pBit, fwd.code(), fwd.applicationId(), fwd.hopByHop(),
                                fwd.endToEnd(), answer));
                assertThat(relayed.get(0).applicationId()).isEqualTo(c.applicationId());
                answers.add(relayed.get(1));
            }
        } finally {
            fd.close(); // stops the daemon: its log is complete afterwards
        }
        log = fd.log();
        // kept for a look after the build, like the captures of it-tests
        Path kept = Path.of("target", "export-interop", "freediameter");
        Files.createDirectories(kept);
        Files.writeString(kept.resolve("freeDiameterd-" + loadExtensions.size() + "-extensions.log"), log);
        Files.copy(work.resolve("mip-aaa.xml"), kept.resolve("mip-aaa-" + loadExtensions.size() + "-extensions.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(log).contains("freeDiameterd daemon initialized");
        // every AVP of our fragment went through freeDiameter in some request or answer
        Set<String> ours = fragment.avps().stream().map(a -> a.code() + "/" + a.vendorId()).collect(Collectors.toSet());
        assertThat(sent).containsAll(ours);
        // decoded and relayed: each client got the server's success, not an error of freeDiameter's
        for (DiameterWire.Message a : answers) {
            assertThat(a.avp(268).unsigned32()).as("Result-Code of %s; freeDiameter's log:%n%s", a, log).isEqualTo(2001L);
        }
        // freeDiameter's own dump of each request and answer it received names the command and every AVP
        List<String> received = receivedDumps(log);
        assertThat(received).hasSize(avpsByCommand.size());
        int i = 0;
        for (Map.Entry<CommandDefinition, Set<String>> e : avpsByCommand.entrySet()) {
            String dump = received.get(i++);
            CommandDefinition c = e.getKey();
            assertThat(dump).as("dump of %s", c.name()).contains("'" + c.name() + "'").doesNotContain("not found in dictionary");
            for (String key : e.getValue()) {
                String[] cv = key.split("/");
                AvpDefinition a = dictionary.avp(Integer.parseInt(cv[0]), Long.parseLong(cv[1])).orElseThrow();
                String line = "AVP: '" + a.name() + "'(" + a.code() + ")"
                        + (a.isVendorSpecific() ? " vend='MIP-AAA'(" + CARRIER.vendorId() + ")" : "");
                assertThat(dump).as("%s decoded by name in the dump of %s", a.name(), c.name()).contains(line);
            }
        }
        assertThat(log).doesNotContain("(not found in dictionary)").doesNotContain("PARSING ERROR");
        return log;
    }

    /**
     * The dumps of the messages freeDiameter received from the test's peers, after the CERs, in order.
     * freeDiameter logs from several threads: another thread's ERROR or DBG lines may fall inside a
     * dump and are skipped; a top-level notice (a peer's state change) ends it early.
     */
    private static List<String> receivedDumps(String log) {
        List<String> dumps = new ArrayList<>();
        StringBuilder current = null;
        for (String line : log.split("\n")) {
            if (line.contains("RCV from '" + FreeDiameterDaemon.CLIENT + "'")
                    || line.contains("RCV from '" + FreeDiameterDaemon.SERVER + "'")) {
                current = new StringBuilder();
                dumps.add("");
                continue;
            }
            if (current != null && line.matches("^\\S+\\s+NOTI\\s{4,}.*")) {
                current.append(line).append('\n');
                dumps.set(dumps.size() - 1, current.toString());
            } else if (line.matches("^\\S+\\s+NOTI\\s.*")) {
                current = null; // a top-level notice: this dump is over
            }
        }
        List<String> messages = dumps.stream()
                .filter(d -> !d.contains("'Capabilities-Exchange-") && !d.contains("'Device-Watchdog-")).toList();
        // a request freeDiameter could not route yet (3002 right after CEA) is sent again with the same
        // identifiers and dumped twice: counted once, by its longest dump (one a notice cut short is shorter)
        List<String> distinct = new ArrayList<>();
        for (String d : messages) {
            int last = distinct.size() - 1;
            if (last >= 0 && sameMessage(distinct.get(last), d)) {
                if (d.length() > distinct.get(last).length()) {
                    distinct.set(last, d);
                }
            } else {
                distinct.add(d);
            }
        }
        return distinct;
    }

    /** The same message dumped twice: the same command line and the same identifiers. */
    private static boolean sameMessage(String a, String b) {
        return header(a).equals(header(b));
    }

    private static List<String> header(String dump) {
        return withoutTimes(dump).lines().filter(l -> l.contains("'") && l.trim().startsWith("'")
                || l.contains("Hop-by-Hop Identifier") || l.contains("End-to-End Identifier")).toList();
    }

    private static String withoutTimes(String dump) {
        return dump.replaceAll("(?m)^\\S+\\s+NOTI", "");
    }
}
