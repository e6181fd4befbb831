package org.mipaaa.udp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mobile IP UDP ports of one node (RFC 5944 §3: registration messages over UDP, port 434 for home
 * and foreign agents alike). A server that is the home agent of its own mobile nodes and the foreign
 * agent of visitors (seed: "the home agent and the foreign agent are the same server") takes both
 * roles' datagrams on one socket: each role opens a {@link Lane} on the same address, and a datagram
 * goes to the first lane that {@linkplain Lane claims} it (the home agent: a Registration Request naming
 * its home agent address, relayed by a foreign agent or sent by its own node back home), else to the
 * lane that claims nothing in particular (the foreign agent: its visitors' requests, the home agents'
 * replies). A port with one lane gives it every datagram, as a port of its own would.
 *
 * <p>One instance per node; thread-safe.
 */
public final class MobileIpPorts {

    private static final Logger log = LoggerFactory.getLogger(MobileIpPorts.class);

    private final Map<InetSocketAddress, Shared> open = new HashMap<>();

    /**
     * A lane of the port at {@code address} ({@code name} for its thread and log lines): datagrams
     * {@code claims} accepts (null: those no other lane claims) go to {@code receiver}. Port 0 opens an
     * ephemeral port of its own, which a later lane may share by naming it.
     */
    public synchronized Lane open(InetSocketAddress address, String name, UdpPort.Receiver receiver, Predicate<byte[]> claims)
            throws SocketException {
        Shared shared = address.getPort() == 0 ? null : open.get(address);
        if (shared == null) {
            shared = new Shared();
            shared.port = new UdpPort(address, name, shared::received);
            // under the address bound: an ephemeral port is shared only by those who name it afterwards
            open.put(shared.port.address(), shared);
        } else {
            log.info("{} shares UDP {} with {}", name, address, shared.names());
        }
        Lane lane = new Lane(shared, name, receiver, claims);
        shared.lanes.add(lane);
        return lane;
    }

    private synchronized void closed(Shared shared) {
        open.values().remove(shared);
    }

    /** One socket and the roles that take datagrams from it. */
    private final class Shared {
        private UdpPort port;
        private final List<Lane> lanes = new CopyOnWriteArrayList<>();
        private boolean started;

        private void received(byte[] datagram, SocketAddress from) {
            if (lanes.size() == 1) {
                lanes.get(0).receiver.received(datagram, from);
                return;
            }
            for (Lane lane : lanes) {
                if (lane.claims != null && lane.claims.test(datagram)) {
                    lane.receiver.received(datagram, from);
                    return;
                }
            }
            for (Lane lane : lanes) {
                if (lane.claims == null) {
                    lane.receiver.received(datagram, from);
                    return;
                }
            }
            log.debug("datagram from {} claimed by none of {}: dropped", from, names());
        }

        private synchronized void start() {
            if (!started) {
                started = true;
                port.start();
            }
        }

        private String names() {
            return lanes.stream().map(l -> l.name).toList().toString();
        }
    }

    /** One role's share of a port: what {@link UdpPort} offers that role. */
    public final class Lane implements AutoCloseable {
        private final Shared shared;
        private final String name;
        private final UdpPort.Receiver receiver;
        private final Predicate<byte[]> claims;

        private Lane(Shared shared, String name, UdpPort.Receiver receiver, Predicate<byte[]> claims) {
            this.shared = shared;
            this.name = name;
            this.receiver = receiver;
            this.claims = claims;
        }

        /** Starts reading the port (once for all its lanes): called when the role that receives is built. */
        public void start() {
            shared.start();
        }

        /** Sends {@code bytes} to {@code to} from the port. */
        public void send(byte[] bytes, SocketAddress to) {
            shared.port.send(bytes, to);
        }

        public InetSocketAddress address() {
            return shared.port.address();
        }

        /** This role stops taking datagrams; the port closes with its last lane. */
        @Override
        public void close() {
            shared.lanes.remove(this);
            if (shared.lanes.isEmpty()) {
                closed(shared);
                shared.port.close();
            }
        }
    }
}
