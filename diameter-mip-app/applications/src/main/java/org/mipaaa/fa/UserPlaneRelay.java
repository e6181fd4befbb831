package org.mipaaa.fa;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mipaaa.accounting.UsageMeter;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.udp.UdpPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreign agent's user plane, as a UDP relay on loopback: what it meters (seed S31) is what
 * actually passes through it. A real foreign agent routes the mobile node's IP packets and receives
 * the home agent's tunnel; a JVM cannot, so each packet travels as one datagram with a small header:
 *
 * <pre>
 *   home address (4) | peer IPv4 address (4) | peer UDP port (2) | payload
 * </pre>
 *
 * From the node to this agent's port, the peer is the destination; the agent sends the payload there
 * from the node's own network-side socket, so the peer's answers come back to it, and relays them to
 * the node with the peer as source. Only nodes being metered (visiting, registered) are relayed;
 * datagrams of others are dropped. Octets counted are payload octets.
 */
public final class UserPlaneRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UserPlaneRelay.class);
    private static final int HEADER = 10;

    private final UsageMeter meter;
    private final UdpPort nodeSide;
    /** Per metered node: its network-side socket and where the node last sent from. */
    private final Map<Inet4Address, Link> links = new ConcurrentHashMap<>();

    private final class Link {
        final Inet4Address homeAddress;
        final UdpPort networkSide;
        volatile SocketAddress node;

        Link(Inet4Address homeAddress) throws SocketException {
            this.homeAddress = homeAddress;
            this.networkSide = new UdpPort(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    "user-plane-" + homeAddress.getHostAddress(), this::fromPeer);
            networkSide.start();
        }

        private void fromPeer(byte[] payload, SocketAddress from) {
            SocketAddress to = node;
            InetSocketAddress peer = (InetSocketAddress) from;
            if (to == null || !(peer.getAddress() instanceof Inet4Address peerAddress) || !meter.toNode(homeAddress, payload.length)) {
                return;
            }
            nodeSide.send(frame(homeAddress, peerAddress, peer.getPort(), payload, 0, payload.length), to);
        }
    }

    public UserPlaneRelay(UsageMeter meter, InetSocketAddress nodeSideAddress) throws SocketException {
        this.meter = meter;
        this.nodeSide = new UdpPort(nodeSideAddress, "user-plane", this::fromNode);
        nodeSide.start();
    }

    /** Where mobile nodes send their traffic. */
    public InetSocketAddress address() {
        return nodeSide.address();
    }

    /** Opens the relay for a node whose visit starts (its meter must be started first). */
    public void open(Inet4Address homeAddress) throws SocketException {
        Link old = links.put(homeAddress, new Link(homeAddress));
        if (old != null) {
            old.networkSide.close();
        }
    }

    public void close(Inet4Address homeAddress) {
        Link link = links.remove(homeAddress);
        if (link != null) {
            link.networkSide.close();
        }
    }

    private void fromNode(byte[] datagram, SocketAddress from) {
        if (datagram.length < HEADER) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(datagram);
        Inet4Address home = Ipv4.fromBytes(datagram, 0);
        Inet4Address peer = Ipv4.fromBytes(datagram, 4);
        int port = Short.toUnsignedInt(b.getShort(8));
        Link link = links.get(home);
        int length = datagram.length - HEADER;
        if (link == null || !meter.fromNode(home, length)) {
            log.debug("user-plane datagram of {}, not visiting here: dropped", home.getHostAddress());
            return;
        }
        link.node = from;
        link.networkSide.send(java.util.Arrays.copyOfRange(datagram, HEADER, datagram.length), new InetSocketAddress(peer, port));
    }

    /** A datagram between a node and this relay: header then payload. */
    public static byte[] frame(Inet4Address homeAddress, Inet4Address peer, int port, byte[] payload, int offset, int length) {
        return ByteBuffer.allocate(HEADER + length).put(homeAddress.getAddress()).put(peer.getAddress())
                .putShort((short) port).put(payload, offset, length).array();
    }

    @Override
    public void close() {
        nodeSide.close();
        links.values().forEach(l -> l.networkSide.close());
        links.clear();
    }
}
