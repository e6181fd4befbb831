package org.mipaaa.node;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** One {@code <Peer>} of jdiameter.xml: its DiameterIdentity, where it is dialled, whether over TLS. */
    record ConfiguredPeer(String host, String ip, int port, boolean tls, boolean dialled) {
    }

    /** The {@code <Peer>} entries of {@code jdiameterXml}. */
    static List<ConfiguredPeer> peers(String jdiameterXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList peers = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(jdiameterXml.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagNameNS("*", "Peer");
            List<ConfiguredPeer> list = new ArrayList<>();
            for (int i = 0; i < peers.getLength(); i++) {
                Element peer = (Element) peers.item(i);
                java.net.URI uri = java.net.URI.create(peer.getAttribute("name"));
                list.add(new ConfiguredPeer(uri.getHost().toLowerCase(Locale.ROOT), peer.getAttribute("ip"), uri.getPort(),
                        TransportSettings.isTls(peer.getAttribute("security_ref")), Boolean.parseBoolean(peer.getAttribute("attempt_connect"))));
            }
            return list;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the peers of jdiameter.xml: " + e.getMessage(), e);
        }
    }

    /** The hosts of the {@code <Peer>} entries whose {@code security_ref} asks for TLS. */
    static Set<String> tlsPeers(String jdiameterXml) {
        Set<String> hosts = new HashSet<>();
        peers(jdiameterXml).stream().filter(ConfiguredPeer::tls).forEach(p -> hosts.add(p.host()));
        return hosts;
    }
}
