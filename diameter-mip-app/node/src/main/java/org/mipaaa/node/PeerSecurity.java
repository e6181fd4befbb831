package org.mipaaa.node;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.mipaaa.transport.TransportSettings;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads from jdiameter.xml which peers are to be reached, and to reach us, over TLS only. */
final class PeerSecurity {

    private PeerSecurity() {
    }

    /** The hosts of the {@code <Peer>} entries whose {@code security_ref} asks for TLS. */
    static Set<String> tlsPeers(String jdiameterXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList peers = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(jdiameterXml.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagNameNS("*", "Peer");
            Set<String> hosts = new HashSet<>();
            for (int i = 0; i < peers.getLength(); i++) {
                Element peer = (Element) peers.item(i);
                if (TransportSettings.isTls(peer.getAttribute("security_ref"))) {
                    hosts.add(java.net.URI.create(peer.getAttribute("name")).getHost().toLowerCase(Locale.ROOT));
                }
            }
            return hosts;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the peers of jdiameter.xml: " + e.getMessage(), e);
        }
    }
}
