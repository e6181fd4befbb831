package org.mipaaa.dictionary.merge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes a DOM back as the carrier wrote it: attributes in their original order (the JDK's DOM sorts
 * them), its comments and whitespace as they were, so a diff of the merged file against the carrier's
 * shows our additions and nothing else.
 */
@org.mipaaa.dictionary.CarrierTool
final class DomWriter {

    /** DOM user-data key of an element's attribute names in file order (List of String). */
    static final String ATTRIBUTE_ORDER = "org.mipaaa.attributeOrder";

    private DomWriter() {
    }

    static String write(Document doc) {
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        for (Node n = doc.getFirstChild(); n != null; n = n.getNextSibling()) {
            write(b, n);
            b.append('\n');
        }
        return b.toString();
    }

    private static void write(StringBuilder b, Node n) {
        switch (n.getNodeType()) {
            case Node.ELEMENT_NODE:
                element(b, (Element) n);
                break;
            case Node.TEXT_NODE:
                text(b, n.getNodeValue(), false);
                break;
            case Node.CDATA_SECTION_NODE:
                b.append("<![CDATA[").append(n.getNodeValue()).append("]]>");
                break;
            case Node.COMMENT_NODE:
                b.append("<!--").append(n.getNodeValue()).append("-->");
                break;
            case Node.PROCESSING_INSTRUCTION_NODE:
                b.append("<?").append(n.getNodeName()).append(' ').append(n.getNodeValue()).append("?>");
                break;
            default:
                // entity references and the like cannot occur: LocatedXml refuses a DOCTYPE
        }
    }

    private static void element(StringBuilder b, Element e) {
        b.append('<').append(e.getTagName());
        for (String name : attributeNames(e)) {
            b.append(' ').append(name).append("=\"");
            text(b, e.getAttribute(name), true);
            b.append('"');
        }
        if (!e.hasChildNodes()) {
            b.append("/>");
            return;
        }
        b.append('>');
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            write(b, c);
        }
        b.append("</").append(e.getTagName()).append('>');
    }

    /** The attributes in file order, then any set later (by the merge) in name order. */
    private static List<String> attributeNames(Element e) {
        Set<String> names = new LinkedHashSet<>();
        Object recorded = e.getUserData(ATTRIBUTE_ORDER);
        if (recorded instanceof List<?>) {
            for (Object o : (List<?>) recorded) {
                if (e.hasAttribute(o.toString())) {
                    names.add(o.toString());
                }
            }
        }
        NamedNodeMap all = e.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
            names.add(all.item(i).getNodeName());
        }
        return new ArrayList<>(names);
    }

    private static void text(StringBuilder b, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append(attribute ? "&quot;" : "\"");
                    break;
                case '\n':
                    b.append(attribute ? "&#10;" : "\n");
                    break;
                case '\t':
                    b.append(attribute ? "&#9;" : "\t");
                    break;
                case '\r':
                    b.append("&#13;");
                    break;
                default:
                    b.append(c);
            }
        }
    }
}
