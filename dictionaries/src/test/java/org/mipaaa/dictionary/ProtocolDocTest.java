package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md describes the vendor application; the dictionary XML is the source of truth. This
 * test parses the document's command table, CCF blocks, vendor AVP table and result-code table and
 * compares them with the {@link Dictionary} model, so the document cannot drift from the XML.
 */
class ProtocolDocTest {

    private static String doc;
    private final Dictionary d = Dictionary.bundled();

    @BeforeAll
    static void readDocument() throws IOException {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/PROTOCOL.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/PROTOCOL.md above " + System.getProperty("user.dir")).isNotNull();
        doc = Files.readString(dir.resolve("docs/PROTOCOL.md"), StandardCharsets.UTF_8);
    }

    /** Markdown table rows (cells trimmed) of the section whose heading starts with {@code heading}. */
    static List<List<String>> table(String heading) {
        int start = doc.indexOf("\n" + heading);
        assertThat(start).as("section " + heading).isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        String section = end < 0 ? doc.substring(start) : doc.substring(start, end);
        List<List<String>> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("|") || line.startsWith("|---")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String c : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
                cells.add(c.trim());
            }
            rows.add(cells);
        }
        assertThat(rows).as("table rows in " + heading).hasSizeGreaterThan(1);
        return rows.subList(1, rows.size()); // without the header row
    }

    private List<CommandDefinition> vendorCommands() {
        return d.commands(ApplicationIds.MIP_ACCOUNTING_SERVICES);
    }

    @Test
    void commandTableListsExactlyTheVendorCommandsWithTheirCodes() {
        Map<String, String> inDoc = new TreeMap<>();
        for (List<String> row : table("## 4. Commands")) {
            int code = Integer.parseInt(row.get(2));
            assertThat(Integer.decode(row.get(3))).as("hex of " + row.get(0)).isEqualTo(code);
            inDoc.put(row.get(0), row.get(1) + " " + code + " " + row.get(4));
        }
        Map<String, String> inXml = new TreeMap<>();
        for (CommandDefinition c : vendorCommands()) {
            inXml.put(c.name(), c.abbreviation() + " " + c.code() + " " + (c.request() ? "R, P" : "P"));
            assertThat(c.proxiable()).isTrue();
        }
        assertThat(inDoc).isEqualTo(inXml);
    }

    private static final Pattern COMMAND_CCF = Pattern.compile(
            "^<(\\w+)> ::= < Diameter Header: (\\d+)((?:, (?:REQ|PXY|ERR))*), (\\d+) >$", Pattern.MULTILINE);

    @Test
    void everyVendorCommandHasItsCcfBlockAndItEqualsTheDictionary() {
        Map<String, List<String>> blocks = blocks(COMMAND_CCF);
        assertThat(blocks.keySet()).containsExactlyInAnyOrderElementsOf(
                vendorCommands().stream().map(CommandDefinition::abbreviation).toList());
        for (CommandDefinition c : vendorCommands()) {
            Matcher m = COMMAND_CCF.matcher(doc);
            boolean found = false;
            while (m.find()) {
                if (m.group(1).equals(c.abbreviation())) {
                    found = true;
                    assertThat(Integer.parseInt(m.group(2))).as(c.name()).isEqualTo(c.code());
                    assertThat(m.group(3).contains("REQ")).as(c.name() + " REQ").isEqualTo(c.request());
                    assertThat(m.group(3).contains("PXY")).as(c.name() + " PXY").isEqualTo(c.proxiable());
                    assertThat(Long.parseLong(m.group(4))).as(c.name()).isEqualTo(c.applicationId());
                }
            }
            assertThat(found).as(c.name()).isTrue();
            assertThat(blocks.get(c.abbreviation())).as("CCF of " + c.name())
                    .containsExactlyElementsOf(c.rules().stream().map(AvpRule::abnf).toList());
        }
    }

    private static final Pattern GROUPED_CCF = Pattern.compile("^([A-Za-z-]+) ::= < AVP Header: (\\d+) (\\d+) >$",
            Pattern.MULTILINE);

    @Test
    void groupedVendorAvpBlocksEqualTheDictionary() {
        Map<String, List<String>> blocks = blocks(GROUPED_CCF);
        assertThat(blocks.keySet()).contains("Purchase-Info", "Charge-Entry");
        Matcher m = GROUPED_CCF.matcher(doc);
        while (m.find()) {
            AvpDefinition a = d.avp(m.group(1)).orElseThrow(() -> new AssertionError("no AVP " + m.group(1)));
            assertThat(Integer.parseInt(m.group(2))).isEqualTo(a.code());
            assertThat(Long.parseLong(m.group(3))).isEqualTo(a.vendorId());
            assertThat(blocks.get(a.name())).as(a.name())
                    .containsExactlyElementsOf(a.groupedRules().stream().map(AvpRule::abnf).toList());
        }
        assertThat(doc).contains("{ AAAM-SPI }\n", "{ AAAM-Replay-Counter }\n", "{ AAAM-Authenticator-Value }\n");
        assertThat(d.avp("AAAM-Authenticator").orElseThrow().groupedRules()).extracting(AvpRule::abnf)
                .containsExactly("{ AAAM-SPI }", "{ AAAM-Replay-Counter }", "{ AAAM-Authenticator-Value }");
    }

    /** CCF lines after each header line matched by {@code header}, up to the closing fence, without "* [ AVP ]". */
    private static Map<String, List<String>> blocks(Pattern header) {
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        Matcher m = header.matcher(doc);
        while (m.find()) {
            int end = doc.indexOf("```", m.end());
            List<String> lines = new ArrayList<>();
            for (String line : doc.substring(m.end(), end).split("\n")) {
                String l = line.trim().replaceAll("\\s+", " ");
                if (!l.isEmpty() && !l.equals("* [ AVP ]")) {
                    lines.add(l);
                }
            }
            assertThat(blocks.put(m.group(1), lines)).as("one block for " + m.group(1)).isNull();
        }
        return blocks;
    }

    @Test
    void vendorAvpTableEqualsTheDictionary() {
        Map<String, String> inDoc = new TreeMap<>();
        for (List<String> row : table("## 6. Vendor AVPs")) {
            inDoc.put(row.get(0), row.get(1) + " " + row.get(2) + " " + row.get(3));
        }
        Map<String, String> inXml = new TreeMap<>();
        for (AvpDefinition a : d.avps(VendorIds.MIP_AAA_DEFAULT)) {
            String flags = (a.vendorBit() == FlagRule.MUST ? "V" : "") + (a.mandatory() == FlagRule.MUST ? ", M" : "");
            inXml.put(a.name(), a.code() + " " + a.type().jdiameterName() + " " + flags);
            if (!a.enumValues().isEmpty()) {
                String tail = doc.substring(doc.indexOf("\n| " + a.name() + " |"));
                String row = tail.substring(0, tail.indexOf('\n', 1));
                a.enumValues().forEach((v, n) -> assertThat(row).as(a.name()).contains(v + " " + n));
            }
        }
        assertThat(inDoc).isEqualTo(inXml);
    }

    @Test
    void resultCodeTableEqualsVendorResultCodes() throws Exception {
        Map<String, Number> inDoc = new TreeMap<>();
        for (List<String> row : table("## 5. Experimental-Result codes")) {
            int code = Integer.parseInt(row.get(0));
            inDoc.put(row.get(1), code);
            String category = code / 1000 == 1 ? "informational" : code / 1000 == 4 ? "transient failure" : "permanent failure";
            assertThat(row.get(2)).as(row.get(1)).isEqualTo(category);
            assertThat(VendorResultCodes.name(code)).isEqualTo(row.get(1));
        }
        assertThat(inDoc).isEqualTo(ConstantsMatchDictionaryTest.constants(VendorResultCodes.class, int.class));
    }

    @Test
    void documentStatesTheDefaultsAndTheRfc4004Resolutions() {
        assertThat(doc).contains(Long.toString(VendorIds.MIP_AAA_DEFAULT), "RFC 5612",
                Long.toString(ApplicationIds.MIP_ACCOUNTING_SERVICES), "RFC 6733 11.2.1",
                "0x" + Integer.toHexString(CommandCodes.PURCHASE_INFORMATION).toUpperCase(Locale.ROOT).replace("0X", ""),
                "## 8. Deviations and resolutions of RFC 4004", "Acct-Time", "MIP-Home-Agent-Host", "MIP-MN-HA-SPI",
                "VendorSettings");
    }

    /**
     * §11's tables of message types, TLVs and NG reason codes list exactly the constants of
     * {@link ConfirmationProtocol}, with their values.
     */
    @Test
    void confirmationTablesEqualConfirmationProtocol() throws Exception {
        Map<String, Integer> inDoc = new TreeMap<>();
        int start = doc.indexOf("\n## 11. Correspondent confirmation");
        assertThat(start).isNotNegative();
        for (String line : doc.substring(start).split("\n")) {
            String[] cells = line.split("\\|");
            if (line.startsWith("| ") && cells.length > 2 && cells[1].trim().matches("[A-Z_]+") && cells[2].trim().matches("\\d+")) {
                inDoc.put(cells[1].trim(), Integer.parseInt(cells[2].trim()));
            }
        }
        Map<String, Integer> inCode = new TreeMap<>();
        for (Class<?> holder : List.of(ConfirmationProtocol.MessageType.class, ConfirmationProtocol.Tlv.class,
                ConfirmationProtocol.ReasonCode.class)) {
            ConstantsMatchDictionaryTest.constants(holder, int.class).forEach((n, v) -> {
                if (!n.endsWith("_LENGTH")) { // the sizes of TLV values, not TLV types
                    inCode.put(n, v.intValue());
                }
            });
        }
        assertThat(inDoc).isEqualTo(inCode);
        assertThat(doc.substring(start)).contains("port " + ConfirmationProtocol.DEFAULT_UDP_PORT,
                ConfirmationProtocol.MAX_MESSAGE_LENGTH + " octets", ConfirmationProtocol.SIP_CONFIRMATION_ID_HEADER + ":",
                "Version = " + ConfirmationProtocol.VERSION, "1 = Ed25519");
    }
}
