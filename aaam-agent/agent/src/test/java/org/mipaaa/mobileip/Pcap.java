package org.mipaaa.mobileip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A minimal pcap file writer: link type RAW (101, each record an IPv4 packet), each packet an IPv4
 * header, a UDP header (checksum 0: none, allowed over IPv4) and the payload.
 */
final class Pcap {

    private static final int LINKTYPE_RAW = 101;

    /** One UDP datagram. */
    record Datagram(byte[] src, int srcPort, byte[] dst, int dstPort, byte[] payload) {
    }

    private Pcap() {
    }

    static void write(Path file, List<Datagram> datagrams) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_RAW);
        out.write(header.array());
        int second = 1_700_000_000;
        for (Datagram d : datagrams) {
            byte[] packet = ipv4Udp(d);
            ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            rec.putInt(second++).putInt(0).putInt(packet.length).putInt(packet.length);
            out.write(rec.array());
            out.write(packet);
        }
        Files.write(file, out.toByteArray());
    }

    private static byte[] ipv4Udp(Datagram d) {
        int udpLength = 8 + d.payload().length;
        int total = 20 + udpLength;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 1).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(d.src()).put(d.dst());
        byte[] a = b.array();
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((a[i] & 0xff) << 8) | (a[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        b.putShort(10, (short) ~sum);
        b.putShort((short) d.srcPort()).putShort((short) d.dstPort()).putShort((short) udpLength).putShort((short) 0)
                .put(d.payload());
        return b.array();
    }
}
