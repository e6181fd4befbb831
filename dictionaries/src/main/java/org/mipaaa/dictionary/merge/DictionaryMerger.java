package org.mipaaa.dictionary.merge;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.mipaaa.dictionary.ApplicationDefinition;
import org.mipaaa.dictionary.AvpDefinition;
import org.mipaaa.dictionary.AvpRule;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.DictionaryFormatException;
import org.mipaaa.dictionary.DictionaryFragment;
import org.mipaaa.dictionary.VendorDefinition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Adds our {@link DictionaryFragment} to the jDiameter dictionary a carrier's stack already loads,
 * leaving its base protocol and its other applications as they are. jDiameter holds one dictionary
 * per JVM and a second {@code configure} replaces the first, so the two must become one file.
 *
 * <p>Each of our definitions is compared with the carrier's for the same number, as jDiameter sees
 * them (see {@link JDiameterDocument}): the same AVP code and Vendor-Id with another name, type, M/P/V
 * rule or grouped members; the same AVP name for another code; the same command code and R bit in the
 * same application with another name or other AVP rules; the same Application-Id with another name or
 * vendor; the same Vendor-Id with another name. Identical definitions are kept once (the carrier's).
 * With conflicts the merge is refused unless a {@link Resolution} says which side wins. The base-protocol
 * AVPs our commands refer to are taken from the carrier's file; one it lacks is added from ours.
 *
 * <pre>{@code
 * MergeResult r = new DictionaryMerger().merge(in, "dictionary.xml", Dictionary.bundled(settings), Resolution.REFUSE);
 * if (r.refused()) { log(r.report()); } else { r.writeTo(out); }
 * }</pre>
 * Stateless; one instance may serve many merges.
 */
@org.mipaaa.dictionary.CarrierTool
public final class DictionaryMerger {

    /** Names our fragment as the "other file" of every conflict. */
    static final String OURS = "mip-aaa";

    /** A merger; it has no settings of its own. */
    public DictionaryMerger() {
        // stateless
    }

    /**
     * Merges our fragment of {@code ours} (with its vendor settings) into the carrier's dictionary.
     *
     * @param carrierXml the carrier's jDiameter dictionary; read to its end (at most 16 MiB), not closed
     * @param carrierSource how the report names it, e.g. its file name
     * @param ours our dictionary, e.g. {@code Dictionary.bundled(settings)}
     * @param resolution what to do with conflicts
     * @throws DictionaryFormatException when the carrier's file is not a dictionary jDiameter could load
     */
    public MergeResult merge(InputStream carrierXml, String carrierSource, Dictionary ours, Resolution resolution) {
        Objects.requireNonNull(carrierXml, "carrierXml");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(resolution, "resolution");
        String source = carrierSource == null || carrierSource.isBlank() ? "carrier dictionary" : carrierSource;
        JDiameterDocument carrier = JDiameterDocument.read(carrierXml, source);
        return new Merge(carrier, ours, resolution).run();
    }

    /** One merge: the decisions first, then (unless refused) the changes to the carrier's document. */
    @org.mipaaa.dictionary.CarrierTool
    private static final class Merge {

        private final JDiameterDocument carrier;
        private final Dictionary ours;
        private final DictionaryFragment fragment;
        private final Resolution resolution;
        private final MergeReport report;
        private final Document doc;
        private final Map<String, Element> ourAvpElements = new HashMap<>();
        private final Map<String, Element> ourBaseElements = new HashMap<>();
        private final Map<Long, Element> ourApplicationElements = new HashMap<>();
        private final Map<String, Element> ourCommandElements = new HashMap<>();
        private final Map<String, Element> ourTypedefs = new LinkedHashMap<>();
        private Document fragmentDoc;

        /** Vendor code -> the symbol our elements must use in the carrier's file. */
        private final Map<Long, String> symbols = new HashMap<>();
        /** Our AVP name -> the name it has in the merged file (the carrier's, or a renaming). */
        private final Map<String, String> ourNames = new HashMap<>();
        /** Carrier AVP name -> its new name, when ours wins a name clash or a differently named AVP. */
        private final Map<String, String> carrierRenames = new HashMap<>();
        private final Set<String> usedNames = new HashSet<>();
        private final List<String> baseFlagDifferences = new ArrayList<>();
        private final List<Runnable> changes = new ArrayList<>();
        private final List<Element> newTypedefs = new ArrayList<>();
        private final List<Element> newVendors = new ArrayList<>();
        private final List<Element> newAvps = new ArrayList<>();
        private final List<Element> newApplications = new ArrayList<>();
        private final Map<Element, List<Element>> newCommands = new LinkedHashMap<>();
        /** Every element of ours put into the carrier's document (added or replacing one of theirs). */
        private final Set<Element> inserted = new HashSet<>();
        /** Our AVPs whose definition in the merged file is ours: merged name -> our definition. */
        private final Map<String, AvpDefinition> definedByUs = new HashMap<>();

        Merge(JDiameterDocument carrier, Dictionary ours, Resolution resolution) {
            this.carrier = carrier;
            this.ours = ours;
            this.fragment = ours.fragment();
            this.resolution = resolution;
            this.report = new MergeReport(carrier.source(), ours.vendorSettings(), resolution);
            this.doc = carrier.document();
            report.warnings(carrier.warnings());
            carrier.avps().forEach(a -> usedNames.add(a.name()));
            indexOurElements();
        }

        private void indexOurElements() {
            Document frag = LocatedXml.parse(bytes(fragment.toJDiameterXml()), OURS + " fragment");
            fragmentDoc = frag;
            for (Element e : JDiameterDocument.elements(frag.getElementsByTagName("typedefn"))) {
                ourTypedefs.put(e.getAttribute("type-name"), e);
            }
            for (Element e : JDiameterDocument.elements(frag.getElementsByTagName("avpdefn"))) {
                ourAvpElements.put(e.getAttribute("name"), e);
            }
            for (Element app : JDiameterDocument.elements(frag.getElementsByTagName("application"))) {
                ourApplicationElements.put(Long.parseLong(app.getAttribute("id")), app);
                for (Element c : JDiameterDocument.elements(app.getElementsByTagName("command"))) {
                    ourCommandElements.put(app.getAttribute("id") + "/" + c.getAttribute("code") + "/" + c.getAttribute("request"), c);
                }
            }
            Document whole = LocatedXml.parse(bytes(ours.toJDiameterXml()), OURS);
            for (Element e : JDiameterDocument.elements(whole.getElementsByTagName("avpdefn"))) {
                ourBaseElements.put(e.getAttribute("name"), e);
            }
        }

        MergeResult run() {
            mergeVendors();
            mergeTypedefs();
            for (AvpDefinition a : fragment.avps()) {
                mergeAvp(a);
            }
            for (AvpDefinition b : fragment.baseAvpsReferenced()) {
                mergeBaseAvp(b);
            }
            noteBaseFlagDifferences();
            for (ApplicationDefinition app : fragment.applications()) {
                mergeApplication(app);
            }
            if (report.refused()) {
                return new MergeResult(report, null);
            }
            apply();
            verify();
            return new MergeResult(report, doc);
        }

        // --- vendors --------------------------------------------------------------------------

        private void mergeVendors() {
            for (VendorDefinition v : fragment.vendors()) {
                Optional<JDiameterDocument.Vendor> same = carrier.vendors().stream()
                        .filter(cv -> cv.code() == v.code() && carrier.vendorCode(cv.symbol()) == v.code()).findFirst();
                if (same.isEmpty()) {
                    String symbol = v.symbol();
                    if (carrier.declaresSymbol(symbol)) {
                        String taken = symbol;
                        for (int i = 2; carrier.declaresSymbol(symbol); i++) {
                            symbol = taken + "-" + i;
                        }
                        report.note("the carrier's file uses the vendor symbol " + taken + " for Vendor-Id "
                                + carrier.vendorCode(taken) + "; ours (Vendor-Id " + v.code() + ") is written as " + symbol);
                    }
                    symbols.put(v.code(), symbol);
                    Element e = imported(vendorElement(v));
                    e.setAttribute("vendor-id", symbol);
                    newVendors.add(e);
                    report.added("vendor " + v.name() + " (Vendor-Id " + v.code() + ", symbol " + symbol + ")");
                    continue;
                }
                JDiameterDocument.Vendor cv = same.get();
                symbols.put(v.code(), cv.symbol());
                if (cv.name().equals(v.name())) {
                    report.identical("vendor " + v.name() + " (Vendor-Id " + v.code() + ")");
                    continue;
                }
                report.conflict(new Conflict(Conflict.Kind.VENDOR, "Vendor-Id " + v.code(), carrier.where(cv.element()),
                        "vendor-id=" + cv.symbol() + " code=" + cv.code() + " name=" + cv.name(),
                        "vendor-id=" + v.symbol() + " code=" + v.code() + " name=" + v.name(),
                        List.of("name: carrier " + cv.name() + ", " + OURS + " " + v.name())));
                if (resolution == Resolution.OURS_WINS) {
                    // the symbol stays: the carrier's own AVPs refer to it
                    changes.add(() -> cv.element().setAttribute("name", v.name()));
                    report.note("vendor " + v.code() + " renamed " + v.name() + " (was " + cv.name() + "); symbol "
                            + cv.symbol() + " kept for the AVPs that use it");
                }
            }
        }

        private Element vendorElement(VendorDefinition v) {
            for (Element e : JDiameterDocument.elements(fragmentDoc.getElementsByTagName("vendor"))) {
                if (e.getAttribute("vendor-id").equals(v.symbol())) {
                    return e;
                }
            }
            throw new IllegalStateException("our fragment lacks vendor " + v.symbol());
        }

        // --- typedefns ------------------------------------------------------------------------

        private void mergeTypedefs() {
            for (Map.Entry<String, Element> t : ourTypedefs.entrySet()) {
                String name = t.getKey();
                Element theirs = carrier.typedefs().get(name);
                if (theirs == null) {
                    newTypedefs.add(imported(t.getValue()));
                    report.added("typedefn " + name);
                    continue;
                }
                String ourFormat = name;
                String theirFormat = carrier.canonicalType(name);
                if (ourFormat.equals(theirFormat)) {
                    continue;
                }
                report.conflict(new Conflict(Conflict.Kind.TYPE, "typedefn " + name, carrier.where(theirs),
                        "type-name=" + name + " type-parent=" + theirs.getAttribute("type-parent") + " (resolves to " + theirFormat + ")",
                        "type-name=" + name + " type-parent=" + t.getValue().getAttribute("type-parent"),
                        List.of("data format: carrier " + theirFormat + ", " + OURS + " " + ourFormat)));
                if (resolution == Resolution.OURS_WINS) {
                    String parent = t.getValue().getAttribute("type-parent");
                    changes.add(() -> theirs.setAttribute("type-parent", parent));
                    report.note("typedefn " + name + " now has type-parent '" + parent + "' (the carrier's AVPs of this type too)");
                }
            }
        }

        // --- AVPs -----------------------------------------------------------------------------

        private void mergeAvp(AvpDefinition a) {
            AvpShape mine = AvpShape.of(a);
            String subject = "AVP " + a.code() + " (Vendor-Id " + a.vendorId() + ")";
            Optional<JDiameterDocument.Avp> same = carrier.avp(a.code(), a.vendorId());
            if (same.isPresent()) {
                JDiameterDocument.Avp theirs = same.get();
                List<String> diffs = theirs.shape().differences(mine, "carrier", OURS);
                if (diffs.isEmpty()) {
                    ourNames.put(a.name(), theirs.name());
                    report.identical(a.name() + " (" + a.code() + ", Vendor-Id " + a.vendorId() + ")" + encryptNote(theirs, mine));
                    return;
                }
                report.conflict(new Conflict(Conflict.Kind.AVP, subject + " " + a.name(), carrier.where(theirs.element()),
                        theirs.shape().describe(), mine.describe(), diffs));
                if (resolution == Resolution.OURS_WINS) {
                    Element replacement = imported(ourAvpElements.get(a.name()));
                    changes.add(() -> replace(theirs.element(), replacement, a.name() + " as mip-aaa defines it"));
                    ourNames.put(a.name(), a.name());
                    definedByUs.put(a.name(), a);
                    if (!theirs.name().equals(a.name())) {
                        carrierRenames.put(theirs.name(), a.name());
                    }
                    report.note(a.name() + ": the carrier's definition (" + carrier.where(theirs.element()) + ") replaced by ours");
                } else {
                    ourNames.put(a.name(), theirs.name());
                    if (resolution == Resolution.CARRIER_WINS) {
                        report.note(a.name() + ": the carrier's definition kept; our messages are validated against it");
                    }
                }
                return;
            }
            addAvp(a, mine, ourAvpElements.get(a.name()), subject);
        }

        /** Adds one of our AVPs the carrier lacks, unless its name is the carrier's for another AVP. */
        private void addAvp(AvpDefinition a, AvpShape mine, Element ourElement, String subject) {
            Optional<JDiameterDocument.Avp> sameName = carrier.avp(a.name());
            String name = a.name();
            if (sameName.isPresent()) {
                JDiameterDocument.Avp theirs = sameName.get();
                report.conflict(new Conflict(Conflict.Kind.AVP_NAME, "AVP name " + a.name(), carrier.where(theirs.element()),
                        theirs.shape().describe(), mine.describe(),
                        List.of("the name " + a.name() + " is the carrier's AVP " + theirs.shape().code() + "/"
                                + theirs.shape().vendorId() + " and our " + a.code() + "/" + a.vendorId()
                                + "; jDiameter finds grouped members by name, so one of them would stand for both")));
                if (resolution == Resolution.CARRIER_WINS) {
                    name = unique(a.name() + "." + a.vendorId() + "." + a.code());
                    report.note("our " + subject + " is named " + name + " in the merged file (the carrier has " + a.name() + ")");
                } else if (resolution == Resolution.OURS_WINS) {
                    String renamed = unique(theirs.name() + "." + theirs.shape().vendorId() + "." + theirs.shape().code());
                    carrierRenames.put(theirs.name(), renamed);
                    changes.add(() -> theirs.element().setAttribute("name", renamed));
                    report.note("the carrier's AVP " + theirs.shape().code() + "/" + theirs.shape().vendorId() + " is named "
                            + renamed + " in the merged file (ours is " + a.name() + ")");
                }
            }
            ourNames.put(a.name(), name);
            definedByUs.put(name, a);
            usedNames.add(name);
            Element e = imported(ourElement);
            e.setAttribute("name", name);
            newAvps.add(e);
            report.added(name + " (" + a.code() + ", Vendor-Id " + a.vendorId() + ")");
        }

        private void mergeBaseAvp(AvpDefinition b) {
            Optional<JDiameterDocument.Avp> theirs = carrier.avp(b.code(), b.vendorId());
            if (theirs.isEmpty()) {
                report.note("the carrier's file lacks base AVP " + b.name() + " (" + b.code()
                        + "), which our commands use: added from RFC 6733 as we define it");
                addAvp(b, AvpShape.of(b), ourBaseElements.get(b.name()), "base AVP " + b.code());
                return;
            }
            ourNames.put(b.name(), theirs.get().name());
            List<String> diffs = theirs.get().shape().differences(AvpShape.of(b), "carrier", OURS);
            // flag rules of the base differ between RFC 3588 and RFC 6733 files all the time: counted, not listed
            if (diffs.stream().allMatch(d -> d.startsWith("mandatory") || d.startsWith("protected") || d.startsWith("vendor-bit"))) {
                if (!diffs.isEmpty()) {
                    baseFlagDifferences.add(b.name());
                }
                return;
            }
            report.note("base AVP " + b.name() + " (" + b.code() + "): the carrier's definition is kept ("
                    + carrier.where(theirs.get().element()) + "); " + String.join("; ", diffs));
        }

        private void noteBaseFlagDifferences() {
            if (!baseFlagDifferences.isEmpty()) {
                report.note(baseFlagDifferences.size() + " base AVPs our commands use differ from ours only in M/P/V flag"
                        + " rules (RFC 3588 against RFC 6733 tables); the carrier's are kept: "
                        + String.join(", ", baseFlagDifferences));
            }
        }

        private static String encryptNote(JDiameterDocument.Avp theirs, AvpShape mine) {
            return theirs.shape().mayEncrypt() == mine.mayEncrypt() ? ""
                    : " (may-encrypt differs, which RFC 6733 dropped and jDiameter does not check)";
        }

        private String unique(String name) {
            String n = name;
            for (int i = 2; usedNames.contains(n) || ourAvpElements.containsKey(n); i++) {
                n = name + "." + i;
            }
            usedNames.add(n);
            return n;
        }

        // --- applications and commands --------------------------------------------------------

        private void mergeApplication(ApplicationDefinition app) {
            List<JDiameterDocument.Application> theirs = carrier.applications(app.id());
            if (theirs.isEmpty()) {
                newApplications.add(imported(ourApplicationElements.get(app.id())));
                report.added("application " + app.id() + " " + app.name() + " with its " + fragment.commands(app.id()).size()
                        + " commands");
                return;
            }
            JDiameterDocument.Application ca = theirs.get(0);
            List<String> diffs = new ArrayList<>();
            if (!ca.name().equals(app.name())) {
                diffs.add("name: carrier " + ca.name() + ", " + OURS + " " + app.name());
            }
            if (ca.vendorId() != app.vendorId()) {
                diffs.add("vendor: carrier " + ca.vendorId() + ", " + OURS + " " + app.vendorId());
            }
            if (!diffs.isEmpty()) {
                report.conflict(new Conflict(Conflict.Kind.APPLICATION, "Application-Id " + app.id(), carrier.where(ca.element()),
                        "id=" + ca.id() + " name=" + ca.name() + " vendor=" + ca.vendorId(),
                        "id=" + app.id() + " name=" + app.name() + " vendor=" + app.vendorId(), diffs));
                if (resolution == Resolution.OURS_WINS) {
                    changes.add(() -> {
                        ca.element().setAttribute("name", app.name());
                        if (app.vendorId() == 0) {
                            ca.element().removeAttribute("vendor-id");
                        } else {
                            ca.element().setAttribute("vendor-id", symbols.get(app.vendorId()));
                        }
                    });
                    report.note("application " + app.id() + " takes our name " + app.name() + " and vendor " + app.vendorId());
                }
            } else {
                report.identical("application " + app.id() + " " + app.name());
            }
            for (CommandDefinition c : fragment.commands(app.id())) {
                mergeCommand(c, ca.element());
            }
        }

        private void mergeCommand(CommandDefinition c, Element application) {
            Element ourElement = ourCommandElements.get(c.applicationId() + "/" + c.code() + "/" + c.request());
            Optional<JDiameterDocument.Command> same = carrier.command(c.applicationId(), c.code(), c.request());
            String label = c.name() + " (" + c.code() + (c.request() ? " request" : " answer") + ", application "
                    + c.applicationId() + ")";
            if (same.isEmpty()) {
                newCommands.computeIfAbsent(application, k -> new ArrayList<>()).add(imported(ourElement));
                report.added("command " + label);
                return;
            }
            JDiameterDocument.Command theirs = same.get();
            CommandShape mine = CommandShape.of(c);
            List<String> diffs = theirs.shape().differences(mine, "carrier", OURS);
            if (diffs.isEmpty()) {
                report.identical("command " + label);
                return;
            }
            report.conflict(new Conflict(Conflict.Kind.COMMAND, "command " + label, carrier.where(theirs.element()),
                    theirs.shape().describe(), mine.describe(), diffs));
            if (resolution == Resolution.OURS_WINS) {
                Element replacement = imported(ourElement);
                changes.add(() -> replace(theirs.element(), replacement, c.name() + " as mip-aaa defines it"));
                report.note("command " + label + ": the carrier's definition replaced by ours");
            } else if (resolution == Resolution.CARRIER_WINS) {
                report.note("command " + label + ": the carrier's definition kept");
            }
        }

        // --- applying the decisions -----------------------------------------------------------

        private Element imported(Element ours) {
            Element e = (Element) doc.importNode(ours, true);
            inserted.add(e);
            return e;
        }

        private void apply() {
            // our elements refer to our vendor symbol and our AVP names: use the merged file's
            List<Element> ours = new ArrayList<>(newAvps);
            ours.addAll(newApplications);
            newCommands.values().forEach(ours::addAll);
            for (Element e : ours) {
                rewriteOurs(e);
            }
            changes.forEach(Runnable::run);
            renameCarrierReferences();

            Element root = doc.getDocumentElement();
            String banner = " mip-aaa, merged by org.mipaaa.dictionary.merge (Vendor-Id "
                    + fragment.vendorSettings().vendorId() + ", MIP-Accounting-Services Application-Id "
                    + fragment.vendorSettings().accountingServicesApplicationId() + "): ";
            insertAfterLast(root, "typedefn", newTypedefs, banner + "types of our AVPs ");
            insertAfterLast(root, "vendor", newVendors, banner + "our vendor ");
            insertAfterLast(root, "avpdefn", newAvps, banner + "our AVPs ");
            for (Map.Entry<Element, List<Element>> e : newCommands.entrySet()) {
                Element app = e.getKey();
                app.appendChild(doc.createTextNode("\n    "));
                app.appendChild(doc.createComment(banner + "our commands of this application "));
                for (Element c : e.getValue()) {
                    app.appendChild(doc.createTextNode("\n    "));
                    app.appendChild(c);
                }
                app.appendChild(doc.createTextNode("\n  "));
            }
            if (!newApplications.isEmpty()) {
                root.appendChild(doc.createTextNode("\n  "));
                root.appendChild(doc.createComment(banner + "our applications "));
                for (Element a : newApplications) {
                    root.appendChild(doc.createTextNode("\n  "));
                    root.appendChild(a);
                }
                root.appendChild(doc.createTextNode("\n"));
            }
        }

        /** Sets our vendor symbol and the merged names of AVPs in one of our elements and its children. */
        private void rewriteOurs(Element e) {
            if (e.hasAttribute("vendor-id")) {
                long code = ours.vendors().stream().filter(v -> v.symbol().equals(e.getAttribute("vendor-id")))
                        .mapToLong(VendorDefinition::code).findFirst().orElse(-1);
                String symbol = symbols.get(code);
                if (symbol != null) {
                    e.setAttribute("vendor-id", symbol);
                }
            }
            String tag = e.getTagName();
            boolean reference = "avp".equals(tag);
            if (reference && ourNames.containsKey(e.getAttribute("name"))) {
                e.setAttribute("name", ourNames.get(e.getAttribute("name")));
            }
            for (Element c : JDiameterDocument.children(e)) {
                rewriteOurs(c);
            }
        }

        /** The carrier's own references (grouped members, command AVPs) to an AVP we renamed. */
        private void renameCarrierReferences() {
            if (carrierRenames.isEmpty()) {
                return;
            }
            for (Element e : JDiameterDocument.elements(doc.getElementsByTagName("avp"))) {
                if (!isInside(e, inserted) && carrierRenames.containsKey(e.getAttribute("name"))) {
                    e.setAttribute("name", carrierRenames.get(e.getAttribute("name")));
                }
            }
        }

        private static boolean isInside(Node n, Set<Element> roots) {
            for (Node p = n; p != null; p = p.getParentNode()) {
                if (p instanceof Element && roots.contains((Element) p)) {
                    return true;
                }
            }
            return false;
        }

        private void replace(Element old, Element replacement, String why) {
            rewriteOurs(replacement);
            Node parent = old.getParentNode();
            parent.insertBefore(doc.createComment(" mip-aaa: " + why + " (merged with the preference for ours) "), old);
            parent.insertBefore(doc.createTextNode("\n  "), old);
            parent.replaceChild(replacement, old);
        }

        private void insertAfterLast(Element root, String tag, List<Element> elements, String comment) {
            if (elements.isEmpty()) {
                return;
            }
            Node anchor = null;
            for (Element c : JDiameterDocument.children(root)) {
                if (c.getTagName().equals(tag)) {
                    anchor = c;
                }
            }
            Node before;
            if (anchor != null) {
                before = anchor.getNextSibling();
            } else {
                before = JDiameterDocument.children(root).stream().filter(c -> c.getTagName().equals("application"))
                        .findFirst().map(Node.class::cast).orElse(null);
            }
            List<Node> nodes = new ArrayList<>();
            nodes.add(doc.createTextNode("\n  "));
            nodes.add(doc.createComment(comment));
            for (Element e : elements) {
                nodes.add(doc.createTextNode("\n  "));
                nodes.add(e);
            }
            if (before == null) {
                nodes.add(doc.createTextNode("\n"));
            } else if (before.getNodeType() != Node.TEXT_NODE) {
                nodes.add(doc.createTextNode("\n  "));
            }
            for (Node n : nodes) {
                root.insertBefore(n, before);
            }
        }

        // --- the merged file, read back as jDiameter would --------------------------------------

        private void verify() {
            JDiameterDocument merged = JDiameterDocument.of(doc, carrier.source() + " + " + OURS);
            List<String> problems = new ArrayList<>();
            for (AvpDefinition a : fragment.avps()) {
                if (merged.avp(a.code(), a.vendorId()).isEmpty()) {
                    problems.add("AVP " + a.name() + " (" + a.code() + "/" + a.vendorId() + ") is not in the merged file");
                }
            }
            // where the merged file holds our definition, jDiameter must read exactly it (members found by name)
            for (Map.Entry<String, AvpDefinition> e : definedByUs.entrySet()) {
                AvpDefinition a = e.getValue();
                Optional<JDiameterDocument.Avp> m = merged.avp(a.code(), a.vendorId());
                AvpShape expected = AvpShape.of(a);
                expected = new AvpShape(e.getKey(), expected.code(), expected.vendorId(), expected.type(), expected.mandatory(),
                        expected.protectedBit(), expected.vendorBit(), expected.mayEncrypt(), expected.members());
                if (m.isEmpty() || !m.get().shape().differences(expected, "merged", OURS).isEmpty()) {
                    problems.add("AVP " + e.getKey() + " reads back as " + m.map(x -> x.shape().describe()).orElse("nothing")
                            + ", not " + expected.describe());
                }
            }
            for (CommandDefinition c : fragment.commands()) {
                Optional<JDiameterDocument.Command> cmd = merged.command(c.applicationId(), c.code(), c.request());
                if (cmd.isEmpty()) {
                    problems.add("command " + c.name() + " of application " + c.applicationId() + " is not in the merged file");
                    continue;
                }
                for (AvpRule r : c.rules()) {
                    if (merged.avp(r.code(), r.vendorId()).isEmpty()) {
                        problems.add("command " + c.name() + ": AVP " + r.code() + "/" + r.vendorId() + " is not defined");
                    }
                }
            }
            for (String w : merged.warnings()) {
                if (!carrier.warnings().contains(w.replace(merged.source(), carrier.source()))) {
                    problems.add(w);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the merged dictionary is inconsistent (a defect of the merge):\n  "
                        + String.join("\n  ", problems) + "\n" + report);
            }
        }

        private static InputStream bytes(String xml) {
            return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
        }
    }
}
