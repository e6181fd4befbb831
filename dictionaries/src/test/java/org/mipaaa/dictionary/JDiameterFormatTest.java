package org.mipaaa.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Replays, with the JDK DOM only, what jDiameter 1.7.1's DictionaryImpl does with a dictionary file
 * (same element and attribute names, same lookups) and collects every place where jDiameter would
 * silently drop an AVP or a command, or abort: the bundled file and the files the model writes for
 * other vendor settings must produce none. (Checked once by hand against jdiameter-impl itself too:
 * 113 AVPs, 34 commands, no weak AVP.)
 */
class JDiameterFormatTest {

    private static final Set<String> MULTIPLICITIES = Set.of("0", "0-1", "1", "0+", "1+");

    @Test
    void bundledFileHasNothingJDiameterWouldDrop() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(Dictionary.BUNDLED_RESOURCE)) {
            assertThat(jdiameterProblems(in)).isEmpty();
        }
    }

    @Test
    void writtenFileForACarrierHasNothingJDiameterWouldDrop() throws Exception {
        String xml = Dictionary.bundled(new VendorSettings(99999, 16777999)).toJDiameterXml();
        assertThat(jdiameterProblems(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(xml).contains("code=\"99999\"").doesNotContain("32473").doesNotContain("1296629761");
    }

    @Test
    void theReplayFindsTheFaultsItLooksFor() throws Exception {
        String broken = """
                <dictionary>
                  <typedefn type-name="Unsigned32"/>
                  <vendor vendor-id="V" code="7" name="V"/>
                  <avpdefn name="A" code="1" vendor-id="V" vendor-bit="must"><type type-name="UTF8String"/></avpdefn>
                  <avpdefn name="G" code="2"><grouped><avp name="Nowhere" multiplicity="1"/></grouped></avpdefn>
                  <application id="9">
                    <command name="X-Request" code="5" request="true">
                      <avp name="A" code="1" multiplicity="2"/>
                      <avp name="G" code="2" vendor="0" multiplicity="1"/>
                    </command>
                  </application>
                </dictionary>
                """;
        List<String> problems = jdiameterProblems(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)));
        assertThat(problems).anyMatch(p -> p.contains("UTF8String"))
                .anyMatch(p -> p.contains("Nowhere"))
                .anyMatch(p -> p.contains("vendor attribute"))
                .anyMatch(p -> p.contains("multiplicity '2'"))
                .anyMatch(p -> p.contains("weak"));
    }

    /** The faults jDiameter's parser would make of this file, as messages; empty when it reads all of it. */
    static List<String> jdiameterProblems(InputStream in) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        List<String> problems = new ArrayList<>();
        // parseVendors: vendor-id symbol -> code
        Map<String, String> vendors = new HashMap<>();
        for (Element v : elements(doc.getElementsByTagName("vendor"))) {
            vendors.put(v.getAttribute("vendor-id"), v.getAttribute("code"));
        }
        // parseTypeDefs
        Set<String> types = new HashSet<>();
        for (Element t : elements(doc.getElementsByTagName("typedefn"))) {
            types.add(t.getAttribute("type-name"));
        }
        // parseAvps: type must be a typedefn (else NPE, AVP dropped); grouped members by name
        Map<String, String> avpKeyByName = new HashMap<>();
        Map<String, List<String>> membersByKey = new HashMap<>();
        for (Element a : elements(doc.getElementsByTagName("avpdefn"))) {
            String name = a.getAttribute("name");
            String vendorCode = vendors.getOrDefault(a.getAttribute("vendor-id"), "0");
            try {
                Integer.valueOf(a.getAttribute("code"));
            } catch (NumberFormatException e) {
                problems.add("AVP " + name + ": code not a number, dropped");
                continue;
            }
            String key = a.getAttribute("code") + "/" + Long.parseLong(vendorCode);
            List<String> members = new ArrayList<>();
            for (Element c : children(a)) {
                if (c.getTagName().equals("type") && !types.contains(c.getAttribute("type-name"))) {
                    problems.add("AVP " + name + ": type " + c.getAttribute("type-name") + " has no typedefn, dropped");
                    key = null;
                }
                if (c.getTagName().equals("grouped")) {
                    for (Element m : children(c)) {
                        members.add(m.getAttribute("name"));
                        if (!MULTIPLICITIES.contains(m.getAttribute("multiplicity"))) {
                            problems.add("AVP " + name + ": member multiplicity '" + m.getAttribute("multiplicity") + "'");
                        }
                    }
                }
            }
            if (key != null) {
                avpKeyByName.put(name, key);
                membersByKey.put(key, members);
            }
        }
        Set<String> weak = new HashSet<>();
        for (var e : avpKeyByName.entrySet()) {
            if (isWeak(e.getValue(), avpKeyByName, membersByKey, new HashSet<>())) {
                weak.add(e.getValue());
            }
            for (String m : membersByKey.get(e.getValue())) {
                if (!avpKeyByName.containsKey(m)) {
                    problems.add("grouped AVP " + e.getKey() + ": member " + m + " undefined");
                }
            }
        }
        // parseCommands: code and vendor attributes are parsed with Integer/Long.valueOf; a missing one aborts all
        for (Element app : elements(doc.getElementsByTagName("application"))) {
            try {
                Long.valueOf(app.getAttribute("id"));
            } catch (NumberFormatException e) {
                problems.add("application id '" + app.getAttribute("id") + "' aborts the file");
            }
            for (Element cmd : elements(app.getElementsByTagName("command"))) {
                String where = "command " + cmd.getAttribute("name");
                if (!cmd.hasAttribute("request")) {
                    problems.add(where + ": no request attribute, skipped");
                }
                for (Element r : elements(cmd.getElementsByTagName("avp"))) {
                    if (!MULTIPLICITIES.contains(r.getAttribute("multiplicity"))) {
                        problems.add(where + ", AVP " + r.getAttribute("name") + ": multiplicity '"
                                + r.getAttribute("multiplicity") + "' never validates");
                    }
                    String code = r.getAttribute("code");
                    String vendor = r.getAttribute("vendor");
                    try {
                        Integer.valueOf(code);
                        Long.valueOf(vendor);
                    } catch (NumberFormatException e) {
                        problems.add(where + ", AVP " + r.getAttribute("name") + ": code or vendor attribute missing, aborts the file");
                        continue;
                    }
                    String key = Integer.valueOf(code) + "/" + Long.valueOf(vendor);
                    if (!membersByKey.containsKey(key)) {
                        problems.add(where + ", AVP " + r.getAttribute("name") + " (" + key + "): not defined, skipped");
                    } else if (weak.contains(key)) {
                        problems.add(where + ", AVP " + r.getAttribute("name") + ": weak (unresolved member), skipped");
                    }
                }
            }
        }
        return problems;
    }

    private static boolean isWeak(String key, Map<String, String> keyByName, Map<String, List<String>> members, Set<String> path) {
        if (!path.add(key)) {
            return false;
        }
        for (String m : members.getOrDefault(key, List.of())) {
            String mk = keyByName.get(m);
            if (mk == null || isWeak(mk, keyByName, members, path)) {
                return true;
            }
        }
        return false;
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                list.add((Element) nodes.item(i));
            }
        }
        return list;
    }

    private static List<Element> children(Element e) {
        return elements(e.getChildNodes());
    }
}
