package org.mipaaa.dictionary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Test helper: reads a Wireshark diameter dictionary fragment the way Wireshark includes it, as an
 * XML external entity ({@code &Custom;}) of a {@code <dictionary>} document, with the JDK parser.
 * The result is a comparable value: vendors, applications, commands and AVPs.
 */
record WiresharkFragment(List<Vendor> vendors, List<Application> applications) {

    record Vendor(String symbol, long code, String name) {
    }

    record Application(long id, String name, List<Command> commands, List<Avp> avps) {
    }

    record Command(String name, int code, String vendorSymbol) {
    }

    record Avp(String name, int code, String vendorSymbol, String type, String mandatory, String protectedBit,
            String vendorBit, String mayEncrypt, List<String> members, Map<Long, String> enums) {
    }

    static WiresharkFragment parse(String fragment) {
        byte[] bytes = fragment.getBytes(StandardCharsets.UTF_8);
        String wrapper = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE dictionary [ <!ENTITY Custom SYSTEM \"Custom.xml\"> ]>\n"
                + "<dictionary>&Custom;</dictionary>\n";
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setExpandEntityReferences(true);
            var builder = f.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                if (systemId != null && systemId.endsWith("Custom.xml")) {
                    InputSource s = new InputSource(new ByteArrayInputStream(bytes));
                    s.setSystemId(systemId);
                    return s;
                }
                throw new IOException("unexpected external entity " + systemId);
            });
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }
            });
            InputSource main = new InputSource(new ByteArrayInputStream(wrapper.getBytes(StandardCharsets.UTF_8)));
            main.setSystemId("file:/wireshark/diameter/dictionary.xml");
            return of(builder.parse(main));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a well-formed Wireshark dictionary fragment: " + e.getMessage(), e);
        }
    }

    static WiresharkFragment parse(InputStream in) {
        try (in) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WiresharkFragment of(Document doc) {
        Element root = doc.getDocumentElement();
        List<Vendor> vendors = new ArrayList<>();
        List<Application> apps = new ArrayList<>();
        for (Element e : children(root)) {
            switch (e.getTagName()) {
                case "vendor" -> vendors.add(new Vendor(e.getAttribute("vendor-id"), Long.parseLong(e.getAttribute("code")),
                        e.getAttribute("name")));
                case "application" -> apps.add(application(e));
                default -> throw new IllegalArgumentException("unexpected top-level <" + e.getTagName() + ">");
            }
        }
        return new WiresharkFragment(vendors, apps);
    }

    private static Application application(Element app) {
        List<Command> commands = new ArrayList<>();
        List<Avp> avps = new ArrayList<>();
        for (Element e : children(app)) {
            switch (e.getTagName()) {
                case "command" -> commands.add(new Command(e.getAttribute("name"), Integer.parseInt(e.getAttribute("code")),
                        e.getAttribute("vendor-id")));
                case "avp" -> avps.add(avp(e));
                default -> throw new IllegalArgumentException("unexpected <" + e.getTagName() + "> in <application>");
            }
        }
        return new Application(Long.parseLong(app.getAttribute("id")), app.getAttribute("name"), commands, avps);
    }

    private static Avp avp(Element e) {
        String type = null;
        List<String> members = new ArrayList<>();
        Map<Long, String> enums = new TreeMap<>();
        for (Element c : children(e)) {
            switch (c.getTagName()) {
                case "type" -> type = c.getAttribute("type-name");
                case "grouped" -> {
                    type = "Grouped";
                    for (Element g : children(c)) {
                        if (!g.getTagName().equals("gavp")) {
                            throw new IllegalArgumentException("<grouped> holds <gavp> only, not <" + g.getTagName() + ">");
                        }
                        members.add(g.getAttribute("name"));
                    }
                }
                case "enum" -> enums.put(Long.parseLong(c.getAttribute("code")), c.getAttribute("name"));
                default -> throw new IllegalArgumentException("unexpected <" + c.getTagName() + "> in <avp>");
            }
        }
        return new Avp(e.getAttribute("name"), Integer.parseInt(e.getAttribute("code")), e.getAttribute("vendor-id"), type,
                e.getAttribute("mandatory"), e.getAttribute("protected"), e.getAttribute("vendor-bit"),
                e.getAttribute("may-encrypt"), members, enums);
    }

    private static List<Element> children(Element parent) {
        List<Element> list = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                list.add((Element) nodes.item(i));
            }
        }
        return list;
    }

    /** The bundled hand-maintained fragment. */
    static WiresharkFragment bundled() {
        return parse(WiresharkFragment.class.getResourceAsStream(Dictionary.WIRESHARK_RESOURCE));
    }

    /** The Wireshark view of a dictionary's vendor application: what the fragment must contain. */
    static WiresharkFragment expectedFrom(Dictionary d) {
        long vendorId = d.vendorSettings().vendorId();
        VendorDefinition v = d.vendors().stream().filter(x -> x.code() == vendorId).findFirst().orElseThrow();
        ApplicationDefinition app = d.application(d.vendorSettings().accountingServicesApplicationId()).orElseThrow();
        List<Command> commands = d.commands(app.id()).stream().filter(CommandDefinition::request)
                .map(c -> new Command(c.name().replaceFirst("-Request$", ""), c.code(), v.symbol())).toList();
        List<Avp> avps = d.avps(vendorId).stream().map(a -> new Avp(a.name(), a.code(), v.symbol(),
                a.isGrouped() ? "Grouped" : a.type().wiresharkName(), a.mandatory().xmlToken(), a.protectedBit().xmlToken(),
                a.vendorBit().xmlToken(), a.mayEncrypt() ? "yes" : "no",
                a.groupedRules().stream().map(AvpRule::avpName).toList(), a.enumValues())).toList();
        return new WiresharkFragment(List.of(new Vendor(v.symbol(), v.code(), v.name())),
                List.of(new Application(app.id(), app.name(), commands, avps)));
    }
}
