package org.mipaaa.dictionary.merge;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.mipaaa.dictionary.AvpType;
import org.mipaaa.dictionary.DictionaryFormatException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A jDiameter dictionary file read the way jDiameter 1.7's DictionaryImpl reads it, not the way our own
 * strict reader does: a carrier's file is taken as its stack sees it, sloppiness included. So: elements
 * are found anywhere in the document; an unknown vendor symbol means Vendor-Id 0; of two AVPs with the
 * same code and vendor the first counts, of two with the same name the last; of two commands with the
 * same code, application and R bit the last. What jDiameter would skip is noted in {@link #warnings()};
 * what would make jDiameter reject the whole file (a command AVP without a numeric code or vendor, a
 * non-numeric command code or application id) is an error.
 */
@org.mipaaa.dictionary.CarrierTool
final class JDiameterDocument {

    @org.mipaaa.dictionary.CarrierTool
    static final class Vendor {

        private final String symbol;
        private final long code;
        private final String name;
        private final Element element;

        Vendor(String symbol, long code, String name, Element element) {            this.symbol = symbol;
            this.code = code;
            this.name = name;
            this.element = element;
        }

        public String symbol() {
            return symbol;
        }

        public long code() {
            return code;
        }

        public String name() {
            return name;
        }

        public Element element() {
            return element;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Vendor)) {
                return false;
            }
            Vendor other = (Vendor) o;
            return java.util.Objects.equals(symbol, other.symbol) && java.util.Objects.equals(code, other.code) && java.util.Objects.equals(name, other.name) && java.util.Objects.equals(element, other.element);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(symbol, code, name, element);
        }

        @Override
        public String toString() {
            return "Vendor[" + "symbol=" + symbol + ", " + "code=" + code + ", " + "name=" + name + ", " + "element=" + element + "]";
        }

    }

    @org.mipaaa.dictionary.CarrierTool
    static final class Avp {

        private final AvpShape shape;
        private final Element element;

        Avp(AvpShape shape, Element element) {            this.shape = shape;
            this.element = element;
        }

        public AvpShape shape() {
            return shape;
        }

        public Element element() {
            return element;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Avp)) {
                return false;
            }
            Avp other = (Avp) o;
            return java.util.Objects.equals(shape, other.shape) && java.util.Objects.equals(element, other.element);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(shape, element);
        }

        @Override
        public String toString() {
            return "Avp[" + "shape=" + shape + ", " + "element=" + element + "]";
        }

        String name() {
            return shape.name();
        }
    }

    @org.mipaaa.dictionary.CarrierTool
    static final class Application {

        private final long id;
        private final String name;
        private final long vendorId;
        private final Element element;

        Application(long id, String name, long vendorId, Element element) {            this.id = id;
            this.name = name;
            this.vendorId = vendorId;
            this.element = element;
        }

        public long id() {
            return id;
        }

        public String name() {
            return name;
        }

        public long vendorId() {
            return vendorId;
        }

        public Element element() {
            return element;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Application)) {
                return false;
            }
            Application other = (Application) o;
            return java.util.Objects.equals(id, other.id) && java.util.Objects.equals(name, other.name) && java.util.Objects.equals(vendorId, other.vendorId) && java.util.Objects.equals(element, other.element);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(id, name, vendorId, element);
        }

        @Override
        public String toString() {
            return "Application[" + "id=" + id + ", " + "name=" + name + ", " + "vendorId=" + vendorId + ", " + "element=" + element + "]";
        }

    }

    @org.mipaaa.dictionary.CarrierTool
    static final class Command {

        private final CommandShape shape;
        private final Element element;
        private final Element application;

        Command(CommandShape shape, Element element, Element application) {            this.shape = shape;
            this.element = element;
            this.application = application;
        }

        public CommandShape shape() {
            return shape;
        }

        public Element element() {
            return element;
        }

        public Element application() {
            return application;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Command)) {
                return false;
            }
            Command other = (Command) o;
            return java.util.Objects.equals(shape, other.shape) && java.util.Objects.equals(element, other.element) && java.util.Objects.equals(application, other.application);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(shape, element, application);
        }

        @Override
        public String toString() {
            return "Command[" + "shape=" + shape + ", " + "element=" + element + ", " + "application=" + application + "]";
        }

    }

    @org.mipaaa.dictionary.CarrierTool
    static final class AvpKey {

        private final int code;
        private final long vendorId;

        AvpKey(int code, long vendorId) {            this.code = code;
            this.vendorId = vendorId;
        }

        public int code() {
            return code;
        }

        public long vendorId() {
            return vendorId;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof AvpKey)) {
                return false;
            }
            AvpKey other = (AvpKey) o;
            return java.util.Objects.equals(code, other.code) && java.util.Objects.equals(vendorId, other.vendorId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(code, vendorId);
        }

        @Override
        public String toString() {
            return "AVP " + code + " (Vendor-Id " + vendorId + ")";
        }
    }

    @org.mipaaa.dictionary.CarrierTool
    static final class CommandKey {

        private final long applicationId;
        private final int code;
        private final boolean request;

        CommandKey(long applicationId, int code, boolean request) {            this.applicationId = applicationId;
            this.code = code;
            this.request = request;
        }

        public long applicationId() {
            return applicationId;
        }

        public int code() {
            return code;
        }

        public boolean request() {
            return request;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof CommandKey)) {
                return false;
            }
            CommandKey other = (CommandKey) o;
            return java.util.Objects.equals(applicationId, other.applicationId) && java.util.Objects.equals(code, other.code) && java.util.Objects.equals(request, other.request);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(applicationId, code, request);
        }

        @Override
        public String toString() {
            return "CommandKey[" + "applicationId=" + applicationId + ", " + "code=" + code + ", " + "request=" + request + "]";
        }

    }

    /** Type names other stacks' jDiameter files use for the RFC 6733 formats. */
    private static final Map<String, String> ALIASES = Map.of("ipaddress", "Address", "qosfilterrule", "QoSFilterRule");

    private final Document doc;
    private final String source;
    private final List<String> warnings = new ArrayList<>();
    private final List<Vendor> vendors = new ArrayList<>();
    private final Map<String, Long> vendorCodes = new HashMap<>();
    private final Map<String, String> typeParents = new LinkedHashMap<>();
    private final Map<String, Element> typedefs = new LinkedHashMap<>();
    private final List<Avp> avps = new ArrayList<>();
    private final Map<AvpKey, Avp> avpsByKey = new HashMap<>();
    private final Map<String, Avp> avpsByName = new HashMap<>();
    private final List<Application> applications = new ArrayList<>();
    private final Map<CommandKey, Command> commands = new LinkedHashMap<>();

    private JDiameterDocument(Document doc, String source) {
        this.doc = doc;
        this.source = source;
        Element root = doc.getDocumentElement();
        if (!"dictionary".equals(root.getTagName())) {
            throw new DictionaryFormatException(source + ": the root element is <" + root.getTagName()
                    + ">, not <dictionary>: not a jDiameter dictionary");
        }
        readVendors();
        readTypedefs();
        readAvps();
        readApplications();
    }

    /** Parses (bounded, see {@link LocatedXml}) and indexes a jDiameter dictionary. */
    static JDiameterDocument read(InputStream in, String source) {
        return new JDiameterDocument(LocatedXml.parse(in, source), source);
    }

    /** Indexes an already parsed document (again, after a merge changed it). */
    static JDiameterDocument of(Document doc, String source) {
        return new JDiameterDocument(doc, source);
    }

    Document document() {
        return doc;
    }

    String source() {
        return source;
    }

    List<String> warnings() {
        return warnings;
    }

    List<Vendor> vendors() {
        return vendors;
    }

    /** The code jDiameter gives a vendor symbol: the last declaration's, 0 for an unknown or empty symbol. */
    long vendorCode(String symbol) {
        return symbol == null || symbol.isEmpty() ? 0L : vendorCodes.getOrDefault(symbol, 0L);
    }

    boolean declaresSymbol(String symbol) {
        return vendorCodes.containsKey(symbol);
    }

    Map<String, Element> typedefs() {
        return typedefs;
    }

    List<Avp> avps() {
        return avps;
    }

    Optional<Avp> avp(int code, long vendorId) {
        return Optional.ofNullable(avpsByKey.get(new AvpKey(code, vendorId)));
    }

    Optional<Avp> avp(String name) {
        return Optional.ofNullable(avpsByName.get(name));
    }

    List<Application> applications(long id) {
        return applications.stream().filter(a -> a.id() == id).collect(java.util.stream.Collectors.toUnmodifiableList());
    }

    Optional<Command> command(long applicationId, int code, boolean request) {
        return Optional.ofNullable(commands.get(new CommandKey(applicationId, code, request)));
    }

    Map<CommandKey, Command> commands() {
        return commands;
    }

    /** "carrier.xml line 42" for an element of this document. */
    String where(Element e) {
        int line = LocatedXml.line(e);
        return line > 0 ? source + " line " + line : source;
    }

    /**
     * The RFC 6733 data format a type name resolves to through the typedefns ("Unsigned32Enumerated" ->
     * Unsigned32, "IPAddress" -> Address); the last name of the chain when it reaches no known format.
     */
    String canonicalType(String typeName) {
        String name = typeName;
        Set<String> seen = new HashSet<>();
        while (name != null && !name.isEmpty() && seen.add(name)) {
            String known = knownFormat(name);
            if (known != null) {
                return known;
            }
            String parent = typeParents.get(name);
            if (parent == null || parent.isEmpty()) {
                return name;
            }
            name = parent;
        }
        return typeName;
    }

    private static String knownFormat(String name) {
        for (AvpType t : AvpType.values()) {
            if (t.jdiameterName().equals(name)) {
                return name;
            }
        }
        return ALIASES.get(name.toLowerCase(Locale.ROOT));
    }

    // --- reading, in jDiameter's order: vendors, typedefns, AVPs, commands --------------------------

    private void readVendors() {
        for (Element e : elements(doc.getElementsByTagName("vendor"))) {
            String symbol = e.getAttribute("vendor-id");
            String code = e.getAttribute("code");
            try {
                long c = Long.parseLong(code.trim());
                vendorCodes.put(symbol, c);
                vendors.add(new Vendor(symbol, c, e.getAttribute("name"), e));
            } catch (NumberFormatException ex) {
                warnings.add(where(e) + ": vendor '" + symbol + "' has no numeric code ('" + code
                        + "'); jDiameter fails on every AVP that names it");
            }
        }
    }

    private void readTypedefs() {
        for (Element e : elements(doc.getElementsByTagName("typedefn"))) {
            String name = e.getAttribute("type-name");
            typeParents.put(name, e.getAttribute("type-parent"));
            typedefs.put(name, e);
        }
    }

    private void readAvps() {
        Map<Avp, List<String[]>> rawMembers = new LinkedHashMap<>();
        for (Element e : elements(doc.getElementsByTagName("avpdefn"))) {
            String name = e.getAttribute("name");
            int code;
            try {
                code = Integer.parseInt(e.getAttribute("code").trim());
            } catch (NumberFormatException ex) {
                warnings.add(where(e) + ": AVP '" + name + "' has no numeric code; jDiameter skips it");
                continue;
            }
            String symbol = e.getAttribute("vendor-id");
            if (!symbol.isEmpty() && !vendorCodes.containsKey(symbol)) {
                warnings.add(where(e) + ": AVP " + name + " names vendor '" + symbol
                        + "', which no <vendor> declares; jDiameter gives it Vendor-Id 0");
            }
            long vendor = vendorCode(symbol);
            String type = null;
            List<String[]> members = null;
            for (Element c : children(e)) {
                if ("grouped".equals(c.getTagName())) {
                    type = "Grouped";
                    members = new ArrayList<>();
                    for (Element m : children(c)) {
                        if (m.hasAttribute("name")) {
                            members.add(new String[] {m.getAttribute("name"),
                                m.hasAttribute("multiplicity") ? m.getAttribute("multiplicity").trim() : "0+",
                                m.hasAttribute("index") ? m.getAttribute("index").trim() : "-1"});
                        }
                    }
                } else if ("type".equals(c.getTagName())) {
                    String typeName = c.getAttribute("type-name");
                    if (!typeParents.containsKey(typeName)) {
                        warnings.add(where(c) + ": AVP " + name + " has type '" + typeName + "', which no <typedefn> declares");
                    }
                    type = canonicalType(typeName);
                }
            }
            if (type == null) {
                type = "UNDEFINED";
            }
            AvpShape shape = new AvpShape(name, code, vendor, type, token(e, "mandatory", "may"), token(e, "protected", "may"),
                    token(e, "vendor-bit", "mustnot"), "yes".equals(e.getAttribute("may-encrypt")), Set.of());
            Avp avp = new Avp(shape, e);
            if (members != null) {
                rawMembers.put(avp, members);
            }
            avps.add(avp);
        }
        // jDiameter resolves grouped members by name once every AVP is known: do the same
        for (int i = 0; i < avps.size(); i++) {
            Avp a = avps.get(i);
            avpsByName.put(a.name(), a);
        }
        for (int i = 0; i < avps.size(); i++) {
            Avp a = avps.get(i);
            List<String[]> raw = rawMembers.get(a);
            if (raw != null) {
                Set<String> members = new TreeSet<>();
                for (String[] m : raw) {
                    Avp child = avpsByName.get(m[0]);
                    if (child == null) {
                        warnings.add(where(a.element()) + ": grouped AVP " + a.name() + " has member " + m[0]
                                + ", which is not defined; jDiameter leaves " + a.name() + " incomplete");
                    }
                    String ref = child == null ? "?" + m[0] : child.shape().code() + "/" + child.shape().vendorId();
                    members.add(AvpShape.member(ref, m[1], index(m[2])));
                }
                AvpShape s = a.shape();
                a = new Avp(new AvpShape(s.name(), s.code(), s.vendorId(), s.type(), s.mandatory(), s.protectedBit(),
                        s.vendorBit(), s.mayEncrypt(), members), a.element());
                avps.set(i, a);
            }
            AvpKey key = new AvpKey(a.shape().code(), a.shape().vendorId());
            if (avpsByKey.putIfAbsent(key, a) != null) {
                warnings.add(where(a.element()) + ": " + key + " is defined again as " + a.name()
                        + "; jDiameter keeps the first definition (" + avpsByKey.get(key).name() + ")");
            }
        }
        avpsByName.clear();
        avps.forEach(a -> avpsByName.put(a.name(), a));
    }

    private static int index(String value) {
        try {
            int i = Integer.parseInt(value.trim());
            return i < 0 ? -1 : i;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String token(Element e, String attribute, String absent) {
        String v = e.getAttribute(attribute).trim().toLowerCase(Locale.ROOT);
        return v.isEmpty() ? absent : v;
    }

    private void readApplications() {
        for (Element app : elements(doc.getElementsByTagName("application"))) {
            if (!app.hasAttribute("id")) {
                warnings.add(where(app) + ": an <application> without id; jDiameter skips its commands");
                continue;
            }
            long id = number(app, "id", "application id");
            String symbol = app.getAttribute("vendor-id");
            applications.add(new Application(id, app.getAttribute("name"), vendorCode(symbol), app));
            for (Element cmd : elements(app.getElementsByTagName("command"))) {
                if (!cmd.hasAttribute("request")) {
                    warnings.add(where(cmd) + ": command " + cmd.getAttribute("name") + " without request=; jDiameter skips it");
                    continue;
                }
                int code = (int) number(cmd, "code", "command code");
                boolean request = Boolean.parseBoolean(cmd.getAttribute("request"));
                Set<String> rules = new TreeSet<>();
                for (Element a : elements(cmd.getElementsByTagName("avp"))) {
                    if (!a.hasAttribute("name")) {
                        continue;
                    }
                    int avpCode = (int) number(a, "code", "code of command AVP " + a.getAttribute("name"));
                    long vendor = number(a, "vendor", "vendor of command AVP " + a.getAttribute("name"));
                    String mult = a.hasAttribute("multiplicity") ? a.getAttribute("multiplicity").trim() : "0+";
                    if (!avpsByKey.containsKey(new AvpKey(avpCode, vendor))) {
                        warnings.add(where(a) + ": command " + cmd.getAttribute("name") + " lists AVP " + avpCode + "/" + vendor
                                + ", which is not defined; jDiameter leaves it out of the command");
                    }
                    rules.add(CommandShape.rule(avpCode, vendor, mult, a.hasAttribute("index") ? index(a.getAttribute("index")) : -1));
                }
                CommandShape shape = new CommandShape(cmd.getAttribute("name"), id, code, request, rules);
                if (commands.put(new CommandKey(id, code, request), new Command(shape, cmd, app)) != null) {
                    warnings.add(where(cmd) + ": command " + code + (request ? " request" : " answer") + " of application "
                            + id + " is defined again; jDiameter keeps this last one");
                }
            }
        }
    }

    /** A number jDiameter parses outside any error handling: a bad one makes it reject the whole file. */
    private long number(Element e, String attribute, String what) {
        String v = e.getAttribute(attribute).trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException ex) {
            throw new DictionaryFormatException(where(e) + ": " + what + " is '" + v
                    + "', not a number: jDiameter would reject this whole dictionary (validator disabled)", ex);
        }
    }

    static List<Element> elements(NodeList nodes) {
        List<Element> list = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                list.add((Element) nodes.item(i));
            }
        }
        return list;
    }

    static List<Element> children(Element parent) {
        return elements(parent.getChildNodes());
    }
}
