package org.mipaaa.dictionary;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the jDiameter dictionary format into the model, element by element the way jDiameter's
 * DictionaryImpl does (same element and attribute names, same defaults), but strict: where jDiameter
 * would log at debug level and drop something, this reader throws {@link DictionaryFormatException}.
 * It also applies the {@link VendorSettings}: the vendor whose symbol is {@link Dictionary#VENDOR_SYMBOL}
 * gets the configured Vendor-Id, and its application the configured Application-Id.
 */
final class JDiameterXmlReader {

    private final VendorSettings settings;
    private final Map<String, String> typeParents = new HashMap<>();
    private final Map<String, VendorDefinition> vendorsBySymbol = new LinkedHashMap<>();
    private long fileVendorCode = -1;

    private JDiameterXmlReader(VendorSettings settings) {
        this.settings = settings;
    }

    static Dictionary read(InputStream xml, VendorSettings settings) {
        return new JDiameterXmlReader(settings).read(Xml.parseStandalone(xml));
    }

    private Dictionary read(Document doc) {
        Element root = doc.getDocumentElement();
        if (!"dictionary".equals(root.getTagName())) {
            throw new DictionaryFormatException("root element must be <dictionary>, not <" + root.getTagName() + ">");
        }
        readTypedefs(doc);
        readVendors(doc);
        List<AvpDefinition> avps = readAvps(doc);
        Map<String, AvpDefinition> byName = new HashMap<>();
        avps.forEach(a -> byName.put(a.name(), a));
        Map<Long, Map<Integer, AvpDefinition>> byCode = new HashMap<>();
        avps.forEach(a -> byCode.computeIfAbsent(a.vendorId(), v -> new HashMap<>()).put(a.code(), a));
        List<ApplicationDefinition> apps = new ArrayList<>();
        List<CommandDefinition> commands = new ArrayList<>();
        readApplications(doc, byCode, apps, commands);
        return new Dictionary(settings, List.copyOf(vendorsBySymbol.values()), apps, avps, commands);
    }

    // --- <typedefn type-name type-parent> -------------------------------------------------------

    private void readTypedefs(Document doc) {
        for (Element e : elements(doc.getElementsByTagName("typedefn"))) {
            String name = required(e, "type-name", "typedefn");
            typeParents.put(name, e.getAttribute("type-parent"));
        }
    }

    /** The model type of a declared type-name, following type-parent for aliases such as Unsigned32Enumerated. */
    private AvpType resolveType(String typeName, String avp) {
        if (!typeParents.containsKey(typeName)) {
            throw new DictionaryFormatException("AVP " + avp + ": type '" + typeName
                    + "' has no <typedefn> (jDiameter would drop the AVP)");
        }
        String name = typeName;
        Set<String> seen = new HashSet<>();
        while (seen.add(name)) {
            var known = AvpType.fromJDiameterName(name);
            if (known.isPresent()) {
                return known.get();
            }
            name = typeParents.getOrDefault(name, "");
        }
        throw new DictionaryFormatException("AVP " + avp + ": type '" + typeName + "' derives from no DIAMETER data format");
    }

    // --- <vendor vendor-id code name> -----------------------------------------------------------

    private void readVendors(Document doc) {
        for (Element e : elements(doc.getElementsByTagName("vendor"))) {
            String symbol = required(e, "vendor-id", "vendor");
            long code = parseLong(required(e, "code", "vendor " + symbol), "code of vendor " + symbol);
            if (Dictionary.VENDOR_SYMBOL.equals(symbol)) {
                fileVendorCode = code;
                code = settings.vendorId();
            }
            if (vendorsBySymbol.put(symbol, new VendorDefinition(symbol, code, e.getAttribute("name"))) != null) {
                throw new DictionaryFormatException("vendor " + symbol + " declared twice");
            }
        }
    }

    private long vendorOfSymbol(String symbol, String where) {
        if (symbol.isEmpty()) {
            return 0L;
        }
        VendorDefinition v = vendorsBySymbol.get(symbol);
        if (v == null) {
            throw new DictionaryFormatException(where + ": vendor-id '" + symbol + "' is not a declared <vendor>");
        }
        return v.code();
    }

    /** A numeric vendor code as written in the file, mapped to the configured one if it is ours. */
    private long remapVendorCode(long code) {
        return code == fileVendorCode ? settings.vendorId() : code;
    }

    // --- <avpdefn> ------------------------------------------------------------------------------

    private static final class Member {

        private final String name;
        private final String multiplicity;
        private final int index;

        Member(String name, String multiplicity, int index) {
            this.name = name;
            this.multiplicity = multiplicity;
            this.index = index;
        }


        public String name() {
            return name;
        }

        public String multiplicity() {
            return multiplicity;
        }

        public int index() {
            return index;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Member)) {
                return false;
            }
            Member other = (Member) o;
            return java.util.Objects.equals(name, other.name)
                    && java.util.Objects.equals(multiplicity, other.multiplicity)
                    && index == other.index;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, multiplicity, index);
        }

        @Override
        public String toString() {
            return "Member[" + "name=" + name + ", " + "multiplicity=" + multiplicity + ", " + "index=" + index + "]";
        }
    }

    private List<AvpDefinition> readAvps(Document doc) {
        List<Element> defs = elements(doc.getElementsByTagName("avpdefn"));
        Map<String, List<Member>> members = new LinkedHashMap<>();
        List<AvpDefinition> plain = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Element e : defs) {
            String name = required(e, "name", "avpdefn");
            int code = parseInt(required(e, "code", "avpdefn " + name), "code of AVP " + name);
            long vendor = vendorOfSymbol(e.getAttribute("vendor-id"), "AVP " + name);
            FlagRule m = flag(e, "mandatory", FlagRule.MAY, name);
            FlagRule p = flag(e, "protected", FlagRule.MAY, name);
            FlagRule v = flag(e, "vendor-bit", FlagRule.MUST_NOT, name);
            boolean encrypt = "yes".equals(e.getAttribute("may-encrypt"));
            if (vendor != 0 && v == FlagRule.MUST_NOT) {
                throw new DictionaryFormatException("vendor AVP " + name + " must allow the V bit");
            }
            if (vendor == 0 && v == FlagRule.MUST) {
                throw new DictionaryFormatException("standard AVP " + name + " cannot require the V bit");
            }
            if (!names.add(name)) {
                throw new DictionaryFormatException("AVP name " + name + " defined twice (jDiameter keys grouped members by name)");
            }
            if (!keys.add(vendor + "/" + code)) {
                throw new DictionaryFormatException("AVP code " + code + " of vendor " + vendor + " defined twice (" + name + ")");
            }
            Element grouped = null;
            Element type = null;
            for (Element c : children(e)) {
                switch (c.getTagName()) {
                    case "grouped":
                        grouped = c;
                        break;
                    case "type":
                        type = c;
                        break;
                    default:
                        throw new DictionaryFormatException("AVP " + name + ": unexpected <" + c.getTagName() + ">");
                }
            }
            if ((grouped == null) == (type == null)) {
                throw new DictionaryFormatException("AVP " + name + " needs exactly one of <type> or <grouped>");
            }
            if (grouped != null) {
                List<Member> list = new ArrayList<>();
                for (Element g : children(grouped)) {
                    String child = required(g, "name", "member of " + name);
                    String mult = g.hasAttribute("multiplicity") ? g.getAttribute("multiplicity") : "0+";
                    int index = g.hasAttribute("index") ? parseInt(g.getAttribute("index"), "index in " + name) : -1;
                    list.add(new Member(child, mult, index));
                }
                members.put(name, list);
                plain.add(new AvpDefinition(name, code, vendor, AvpType.GROUPED, m, v, p, List.of(), Map.of(), encrypt));
            } else {
                AvpType t = resolveType(required(type, "type-name", "type of " + name), name);
                if (t == AvpType.GROUPED) {
                    throw new DictionaryFormatException("AVP " + name + ": use <grouped>, not type Grouped");
                }
                Map<Long, String> enums = new TreeMap<>();
                for (Element en : children(type)) {
                    if (!"enum".equals(en.getTagName())) {
                        throw new DictionaryFormatException("AVP " + name + ": unexpected <" + en.getTagName() + "> in <type>");
                    }
                    long value = parseLong(required(en, "code", "enum of " + name), "enum of " + name);
                    if (enums.put(value, required(en, "name", "enum of " + name)) != null) {
                        throw new DictionaryFormatException("AVP " + name + ": value " + value + " named twice");
                    }
                }
                plain.add(new AvpDefinition(name, code, vendor, t, m, v, p, List.of(), enums, encrypt));
            }
        }
        Map<String, AvpDefinition> byName = new HashMap<>();
        plain.forEach(a -> byName.put(a.name(), a));
        List<AvpDefinition> result = new ArrayList<>(plain.size());
        for (AvpDefinition a : plain) {
            List<Member> list = members.get(a.name());
            if (list == null) {
                result.add(a);
                continue;
            }
            List<AvpRule> rules = new ArrayList<>();
            for (Member mem : list) {
                AvpDefinition child = byName.get(mem.name());
                if (child == null) {
                    throw new DictionaryFormatException("grouped AVP " + a.name() + ": member " + mem.name()
                            + " is not defined (jDiameter would leave " + a.name() + " weak and drop it from every command)");
                }
                rules.add(rule(child.name(), child.code(), child.vendorId(), mem.multiplicity(), mem.index(), a.name()));
            }
            result.add(new AvpDefinition(a.name(), a.code(), a.vendorId(), a.type(), a.mandatory(), a.vendorBit(),
                    a.protectedBit(), rules, a.enumValues(), a.mayEncrypt()));
        }
        return result;
    }

    private static FlagRule flag(Element e, String attribute, FlagRule absent, String avp) {
        String token = e.getAttribute(attribute);
        if (token.isEmpty()) {
            return absent;
        }
        try {
            return FlagRule.fromXml(token);
        } catch (IllegalArgumentException ex) {
            throw new DictionaryFormatException("AVP " + avp + ", " + attribute + ": " + ex.getMessage(), ex);
        }
    }

    // --- <application id name vendor-id> / <command> / <avp> ------------------------------------

    private void readApplications(Document doc, Map<Long, Map<Integer, AvpDefinition>> byCode,
            List<ApplicationDefinition> apps, List<CommandDefinition> commands) {
        Set<Long> appIds = new HashSet<>();
        Set<String> commandKeys = new HashSet<>();
        boolean ourApplicationSeen = false;
        for (Element app : elements(doc.getElementsByTagName("application"))) {
            long id = parseLong(required(app, "id", "application"), "application id");
            String symbol = app.getAttribute("vendor-id");
            long vendor = vendorOfSymbol(symbol, "application " + id);
            if (Dictionary.VENDOR_SYMBOL.equals(symbol)) {
                if (ourApplicationSeen) {
                    throw new DictionaryFormatException("more than one application of vendor " + symbol
                            + ": VendorSettings holds one Application-Id");
                }
                ourApplicationSeen = true;
                id = settings.accountingServicesApplicationId();
            }
            String appName = app.hasAttribute("name") ? app.getAttribute("name") : "Application-" + id;
            if (!appIds.add(id)) {
                throw new DictionaryFormatException("application " + id + " declared twice");
            }
            apps.add(new ApplicationDefinition(id, appName, vendor));
            for (Element cmd : elements(app.getElementsByTagName("command"))) {
                CommandDefinition c = readCommand(cmd, id, byCode);
                if (!commandKeys.add(id + "/" + c.code() + "/" + c.request())) {
                    throw new DictionaryFormatException("command " + c.name() + " defined twice in application " + id);
                }
                commands.add(c);
            }
        }
    }

    private CommandDefinition readCommand(Element cmd, long applicationId, Map<Long, Map<Integer, AvpDefinition>> byCode) {
        String name = required(cmd, "name", "command of application " + applicationId);
        int code = parseInt(required(cmd, "code", "command " + name), "code of command " + name);
        String request = required(cmd, "request", "command " + name);
        if (!request.equals("true") && !request.equals("false")) {
            throw new DictionaryFormatException("command " + name + ": request must be true or false");
        }
        String abbreviation = cmd.hasAttribute("abbreviation") ? cmd.getAttribute("abbreviation") : null;
        boolean proxiable = Boolean.parseBoolean(cmd.getAttribute("proxiable"));
        List<AvpRule> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Element a : elements(cmd.getElementsByTagName("avp"))) {
            String where = "command " + name + " (application " + applicationId + ")";
            String avpName = required(a, "name", where);
            int avpCode = parseInt(required(a, "code", where + ", AVP " + avpName), "code of " + avpName + " in " + where);
            long vendor = remapVendorCode(parseLong(required(a, "vendor", where + ", AVP " + avpName),
                    "vendor of " + avpName + " in " + where));
            AvpDefinition def = byCode.getOrDefault(vendor, Map.of()).get(avpCode);
            if (def == null) {
                throw new DictionaryFormatException(where + ": AVP " + avpName + " (" + avpCode + ", vendor " + vendor
                        + ") is not defined (jDiameter would skip it)");
            }
            if (!def.name().equals(avpName)) {
                throw new DictionaryFormatException(where + ": AVP " + avpCode + "/" + vendor + " is " + def.name()
                        + ", not " + avpName);
            }
            if (!seen.add(vendor + "/" + avpCode)) {
                throw new DictionaryFormatException(where + ": AVP " + avpName + " listed twice");
            }
            String mult = a.hasAttribute("multiplicity") ? a.getAttribute("multiplicity") : "0+";
            int index = a.hasAttribute("index") ? parseInt(a.getAttribute("index"), "index of " + avpName) : -1;
            rules.add(rule(avpName, avpCode, vendor, mult, index, where));
        }
        return new CommandDefinition(name, abbreviation, code, applicationId, Boolean.parseBoolean(request), proxiable, rules);
    }

    private static AvpRule rule(String name, int code, long vendor, String multiplicity, int index, String where) {
        try {
            return AvpRule.ofMultiplicity(name, code, vendor, multiplicity, index >= 0);
        } catch (IllegalArgumentException e) {
            throw new DictionaryFormatException(where + ": " + e.getMessage(), e);
        }
    }

    // --- DOM helpers ----------------------------------------------------------------------------

    private static List<Element> elements(NodeList nodes) {
        List<Element> list = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                list.add((Element) nodes.item(i));
            }
        }
        return list;
    }

    private static List<Element> children(Element parent) {
        return elements(parent.getChildNodes());
    }

    private static String required(Element e, String attribute, String where) {
        if (!e.hasAttribute(attribute) || e.getAttribute(attribute).trim().isEmpty()) {
            throw new DictionaryFormatException(where + ": attribute '" + attribute + "' is required");
        }
        return e.getAttribute(attribute).trim();
    }

    private static int parseInt(String value, String what) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new DictionaryFormatException(what + ": not a number: '" + value + "'", e);
        }
    }

    private static long parseLong(String value, String what) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new DictionaryFormatException(what + ": not a number: '" + value + "'", e);
        }
    }
}
