package org.mipaaa.mobileip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An independent decoder checks the golden vectors: every vector is written as a UDP/434 datagram
 * into one pcap, and tshark's own Mobile IP dissector ("mip") must show the fields, the extension
 * types, offsets and lengths, SPIs and authenticators our decoder sees, with no malformed-packet
 * or other expert item.
 *
 * <p>tshark 4.0 has no dissector for the RFC 3957 key generation extensions (types 40-43): it reads
 * them as 8-bit-Length extensions and goes astray. A vector that holds them says {@code tshark =
 * before N}; tshark gets that vector's bytes up to extension N only (the fixed part and everything
 * before the first key generation extension), which must then decode cleanly.
 *
 * <p>Needs {@code tshark} on the PATH (the build installs it before this module's tests); {@code -Dmip.tshark=skip} skips.
 */
class TsharkCrossCheckTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MOBILE_NODE = {(byte) 198, 51, 100, 2};
    private static final byte[] FOREIGN_AGENT = {(byte) 198, 51, 100, 1};

    @Test
    void tsharkDecodesEveryVectorAsWeDo(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse("skip".equals(System.getProperty("mip.tshark")), "-Dmip.tshark=skip");
        List<GoldenVector> vectors = GoldenVector.all();
        List<RegistrationPacket> sent = new ArrayList<>();
        List<Pcap.Datagram> datagrams = new ArrayList<>();
        for (GoldenVector v : vectors) {
            RegistrationPacket full = RegistrationCodec.decode(v.bytes);
            RegistrationPacket visible = RegistrationCodec.decode(full.bytesBefore(v.tsharkExtensions));
            sent.add(visible);
            boolean request = visible.isRequest();
            datagrams.add(new Pcap.Datagram(request ? MOBILE_NODE : FOREIGN_AGENT, request ? 1434 : 434,
                    request ? FOREIGN_AGENT : MOBILE_NODE, request ? 434 : 1434, visible.bytes()));
        }
        Path pcap = dir.resolve("vectors.pcap");
        Pcap.write(pcap, datagrams);

        List<Element> packets = pdmlPackets(pcap, dir);
        assertThat(packets).hasSize(vectors.size());

        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < vectors.size(); i++) {
            check(soft, vectors.get(i).name, sent.get(i), packets.get(i));
        }
        soft.assertAll();
    }

    private static void check(SoftAssertions soft, String name, RegistrationPacket p, Element packet) {
        soft.assertThat(descendants(packet, "_ws.malformed")).as("%s: malformed", name).isEmpty();
        soft.assertThat(descendants(packet, "_ws.expert")).as("%s: expert items", name).isEmpty();
        Element mip = proto(packet, "mip");
        soft.assertThat(mip).as("%s: no Mobile IP layer", name).isNotNull();
        if (mip == null) {
            return;
        }
        int base = Integer.parseInt(mip.getAttribute("pos"));
        soft.assertThat(Integer.parseInt(mip.getAttribute("size"))).as("%s size", name).isEqualTo(p.length());
        RegistrationMessage m = p.message();
        soft.assertThat(value(mip, "mip.type")).as("%s type", name).isEqualTo(String.format("%02x", m.type()));
        soft.assertThat(show(mip, "mip.life")).as("%s lifetime", name).isEqualTo(Integer.toString(m.lifetime()));
        soft.assertThat(show(mip, "mip.homeaddr")).as("%s home address", name).isEqualTo(Ipv4.format(m.homeAddress()));
        soft.assertThat(show(mip, "mip.haaddr")).as("%s home agent", name).isEqualTo(Ipv4.format(m.homeAgent()));
        soft.assertThat(value(mip, "mip.ident")).as("%s identification", name)
                .isEqualTo(Identification.hex(m.identification()));
        if (m instanceof RegistrationRequest r) {
            soft.assertThat(value(mip, "mip.flags")).as("%s flags", name).isEqualTo(String.format("%02x", r.flags()));
            soft.assertThat(show(mip, "mip.t")).as("%s T", name).isEqualTo(r.has(RequestFlag.REVERSE_TUNNELING) ? "1" : "0");
            soft.assertThat(show(mip, "mip.s")).as("%s S", name).isEqualTo(r.has(RequestFlag.SIMULTANEOUS_BINDINGS) ? "1" : "0");
            soft.assertThat(show(mip, "mip.d")).as("%s D", name)
                    .isEqualTo(r.has(RequestFlag.DECAPSULATION_BY_MOBILE_NODE) ? "1" : "0");
            soft.assertThat(show(mip, "mip.coa")).as("%s care-of", name).isEqualTo(Ipv4.format(r.careOfAddress()));
        } else {
            soft.assertThat(show(mip, "mip.code")).as("%s code", name)
                    .isEqualTo(Integer.toString(((RegistrationReply) m).code()));
        }

        List<Element> extensions = extensionElements(mip);
        soft.assertThat(extensions).as("%s: extensions tshark sees", name).hasSize(p.extensions().size());
        for (int i = 0; i < Math.min(extensions.size(), p.extensions().size()); i++) {
            Element e = extensions.get(i);
            ExtensionField f = p.extensions().get(i);
            String what = name + " ext " + i;
            soft.assertThat(Integer.parseInt(e.getAttribute("pos")) - base).as("%s offset", what).isEqualTo(f.offset());
            soft.assertThat(Integer.parseInt(e.getAttribute("size"))).as("%s length", what).isEqualTo(f.length());
            soft.assertThat(show(e, "mip.ext.type")).as("%s type", what).isEqualTo(Integer.toString(f.type()));
            Extension x = f.extension();
            if (x instanceof AuthenticationExtension a) {
                soft.assertThat(value(e, "mip.auth.spi")).as("%s SPI", what).isEqualTo(String.format("%08x", a.spi()));
                soft.assertThat(value(e, "mip.auth.auth")).as("%s authenticator", what)
                        .isEqualTo(HEX.formatHex(a.authenticator()));
                if (x instanceof GeneralizedMnAaaAuthentication) {
                    soft.assertThat(show(e, "mip.ext.auth.subtype")).as("%s subtype", what).isEqualTo("1");
                }
            } else if (x instanceof MobileNodeNai n) {
                soft.assertThat(show(e, "mip.nai")).as("%s NAI", what).isEqualTo(n.nai());
            } else if (x instanceof MnFaChallenge c) {
                soft.assertThat(value(e, "mip.extension")).as("%s challenge", what).isEqualTo(HEX.formatHex(c.challenge()));
            } else if (x instanceof NormalVendorExtension n) {
                soft.assertThat(value(e, "mip.ext.nvse.vendor_id")).as("%s vendor", what).isEqualTo(String.format("%08x", n.vendorId()));
                soft.assertThat(value(e, "mip.ext.nvse.vendor_type")).as("%s vendor type", what)
                        .isEqualTo(String.format("%04x", n.vendorType()));
                soft.assertThat(value(e, "mip.ext.nvse.vendor_value")).as("%s value", what).isEqualTo(HEX.formatHex(n.value()));
            } else if (x instanceof CriticalVendorExtension c) {
                soft.assertThat(value(e, "mip.ext.cvse.vendor_id")).as("%s vendor", what).isEqualTo(String.format("%08x", c.vendorId()));
                soft.assertThat(value(e, "mip.ext.cvse.vendor_type")).as("%s vendor type", what)
                        .isEqualTo(String.format("%04x", c.vendorType()));
                soft.assertThat(value(e, "mip.ext.cvse.vendor_value")).as("%s value", what).isEqualTo(HEX.formatHex(c.value()));
            } else if (x instanceof UnknownExtension u) {
                soft.assertThat(value(e, "mip.extension")).as("%s data", what).isEqualTo(HEX.formatHex(u.data()));
            } else {
                soft.fail("%s: %s should not be shown to tshark 4.0", what, x);
            }
        }
    }

    // ------------------------------------------------------------------------------------ tshark

    private static List<Element> pdmlPackets(Path pcap, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("tshark.pdml");
        Path err = dir.resolve("tshark.err");
        Process process;
        try {
            process = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-d", "udp.port==434,mip", "-T", "pdml")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("tshark is not on the PATH: apt-get install tshark (the build does it as"
                    + " root: .mvn/install-test-tools.sh), or run with -Dmip.tshark=skip", e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("tshark did not finish in 60 s");
        }
        assertThat(process.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isZero();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            Document doc = f.newDocumentBuilder().parse(out.toFile());
            List<Element> packets = new ArrayList<>();
            NodeList list = doc.getDocumentElement().getElementsByTagName("packet");
            for (int i = 0; i < list.getLength(); i++) {
                packets.add((Element) list.item(i));
            }
            return packets;
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse tshark's PDML", e);
        }
    }

    private static Element proto(Element packet, String name) {
        for (Node n = packet.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("proto") && e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The "Extension: ..." subtrees, in order. */
    private static List<Element> extensionElements(Element mip) {
        List<Element> out = new ArrayList<>();
        for (Element container : children(mip)) {
            if (container.getAttribute("show").equals("Extensions")) {
                for (Element e : children(container)) {
                    if (e.getAttribute("show").startsWith("Extension:")) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Element> descendants(Element root, String fieldName) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("name").equals(fieldName) || e.getAttribute("name").startsWith(fieldName + ".")) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element field(Element root, String fieldName) {
        NodeList all = root.getElementsByTagName("field");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("name").equals(fieldName)) {
                return e;
            }
        }
        return null;
    }

    private static String show(Element root, String fieldName) {
        Element e = field(root, fieldName);
        return e == null ? "<no " + fieldName + ">" : e.getAttribute("show");
    }

    private static String value(Element root, String fieldName) {
        Element e = field(root, fieldName);
        return e == null ? "<no " + fieldName + ">" : e.getAttribute("value");
    }
}
