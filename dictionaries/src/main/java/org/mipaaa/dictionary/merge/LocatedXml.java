package org.mipaaa.dictionary.merge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.mipaaa.dictionary.DictionaryFormatException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.UserDataHandler;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Parses an untrusted dictionary file into a DOM that keeps its comments and layout (so the merged
 * file still reads like the carrier's) and remembers each element's line (so a conflict names it).
 * Bounded: size, element count and depth; no DOCTYPE, so no entity can expand or fetch anything.
 */
@org.mipaaa.dictionary.CarrierTool
final class LocatedXml {

    /** DOM user-data key of an element's line number (Integer). */
    static final String LINE = "org.mipaaa.line";

    /** A jDiameter dictionary with every 3GPP application is about 1 MB; far more is not a dictionary. */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    static final int MAX_ELEMENTS = 500_000;
    static final int MAX_DEPTH = 32;

    private LocatedXml() {
    }

    /**
     * Reads at most {@link #MAX_BYTES} from {@code in} (not closed) and parses them.
     *
     * @throws DictionaryFormatException when the input is too large, too deep, not well-formed XML or has a DOCTYPE
     */
    static Document parse(InputStream in, String source) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new DictionaryFormatException(source + " is larger than " + MAX_BYTES + " bytes");
        }
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(false);
            f.setValidating(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            SAXParser parser = f.newSAXParser();
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            doc.setXmlStandalone(true);
            Builder builder = new Builder(doc, source);
            parser.setProperty("http://xml.org/sax/properties/lexical-handler", builder);
            parser.parse(new InputSource(new ByteArrayInputStream(bytes)), builder);
            if (doc.getDocumentElement() == null) {
                throw new DictionaryFormatException(source + " has no root element");
            }
            return doc;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("JDK XML parser misconfigured", e);
        } catch (SAXParseException e) {
            throw new DictionaryFormatException(source + " line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new DictionaryFormatException(source + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps an element's attribute order when it is imported into another document (our elements). */
    private static final UserDataHandler COPY_ON_IMPORT = (operation, key, data, src, dst) -> {
        if (operation == UserDataHandler.NODE_IMPORTED && dst != null) {
            dst.setUserData(key, data, null);
        }
    };

    /** The line an element started on, 0 when unknown (an element we added). */
    static int line(Element e) {
        Object line = e.getUserData(LINE);
        return line instanceof Integer ? (Integer) line : 0;
    }

    /** Builds the DOM from SAX events, comments and whitespace included. */
    @org.mipaaa.dictionary.CarrierTool
    private static final class Builder extends DefaultHandler2 {

        private final Document doc;
        private final String source;
        private Node current;
        private Locator locator;
        private int elements;
        private int depth;

        Builder(Document doc, String source) {
            this.doc = doc;
            this.source = source;
            this.current = doc;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (++elements > MAX_ELEMENTS) {
                throw new SAXException(source + " has more than " + MAX_ELEMENTS + " elements");
            }
            if (++depth > MAX_DEPTH) {
                throw new SAXException(source + " nests elements deeper than " + MAX_DEPTH);
            }
            Element e = doc.createElement(qName);
            List<String> order = new ArrayList<>(attributes.getLength());
            for (int i = 0; i < attributes.getLength(); i++) {
                e.setAttribute(attributes.getQName(i), attributes.getValue(i));
                order.add(attributes.getQName(i));
            }
            e.setUserData(DomWriter.ATTRIBUTE_ORDER, order, COPY_ON_IMPORT);
            if (locator != null) {
                e.setUserData(LINE, locator.getLineNumber(), null);
            }
            current.appendChild(e);
            current = e;
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            depth--;
            current = current.getParentNode();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (current != doc) {
                current.appendChild(doc.createTextNode(new String(ch, start, length)));
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            characters(ch, start, length);
        }

        @Override
        public void comment(char[] ch, int start, int length) {
            current.appendChild(doc.createComment(new String(ch, start, length)));
        }

        @Override
        public void processingInstruction(String target, String data) {
            current.appendChild(doc.createProcessingInstruction(target, data));
        }
    }
}
