package org.mipaaa.it.interop;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Another vendor's DIAMETER proxy at a network's edge, built from RFC 6733 on bare sockets, between two
 * peers over plain TCP. It dials both, exchanges capabilities as a relay (Auth-Application-Id
 * 0xffffffff), and forwards every request from one to the other as RFC 6733 lets a proxy: a new
 * Hop-by-Hop Identifier, a Route-Record naming the peer it came from (§6.1.9) and a Proxy-Info of its
 * own (§6.7.3), both after every AVP already there; it takes its Proxy-Info back out of the answer
 * (§6.2.2) and restores the Hop-by-Hop Identifier. It also hides the topology of one side: the
 * Origin-Host of the answers that side sends is rewritten (an edge agent's topology hiding; hiding the
 * origin of that side's requests as well would need the other side to take this proxy for the role it
 * fronts, not for a relay whose Route-Records it trusts). It answers watchdogs itself and forwards no other
 * base-protocol message.
 */
final class EdgeProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EdgeProxy.class);
    private static final long RELAY_APPLICATION = 0xFFFFFFFFL;

    private final MessageParser parser = new MessageParser();
    private final String identity;
    private final String realm;
    private final String hiddenAs;
    /** Requests forwarded, by the Hop-by-Hop Identifier they went on with. */
    private final Map<Integer, Forwarded> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextHopByHop = new AtomicInteger(0x7E000000);
    private final AtomicInteger requestsForwarded = new AtomicInteger();
    private final AtomicInteger answersWithItsProxyInfo = new AtomicInteger();
    private final AtomicInteger answersWithoutItsProxyInfo = new AtomicInteger();
    private Side hidden;
    private Side other;

    private record Forwarded(Side from, long hopByHop, byte[] state) {
    }

    /** One peer of the proxy: its link and identity. */
    private final class Side implements AutoCloseable {
        final String peer;
        final boolean hides;
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;
        Side across;

        Side(String peer, int port, boolean hides) throws IOException {
            this.peer = peer;
            this.hides = hides;
            this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        IMessage read() throws Exception {
            int first = in.readInt();
            byte[] message = new byte[first & 0xFFFFFF];
            ByteBuffer.wrap(message).putInt(first);
            in.readFully(message, 4, message.length - 4);
            return parser.createMessage(message);
        }

        synchronized void send(IMessage message) throws Exception {
            ByteBuffer bytes = parser.encodeMessage(message);
            byte[] octets = new byte[bytes.remaining()];
            bytes.get(octets);
            out.write(octets);
            out.flush();
        }

        /** CER as the proxy, the peer's CEA read. */
        void exchangeCapabilities() throws Exception {
            IMessage cer = parser.createEmptyMessage(CommandCodes.CAPABILITIES_EXCHANGE, 0);
            cer.setRequest(true);
            cer.setHopByHopIdentifier(nextHopByHop.getAndIncrement());
            cer.setEndToEndIdentifier(nextHopByHop.get());
            AvpSet avps = cer.getAvps();
            avps.addAvp(AvpCodes.ORIGIN_HOST, identity, true, false, true);
            avps.addAvp(AvpCodes.ORIGIN_REALM, realm, true, false, true);
            avps.addAvp(AvpCodes.HOST_IP_ADDRESS, InetAddress.getLoopbackAddress(), true, false);
            avps.addAvp(AvpCodes.VENDOR_ID, 0L, true, false, true);
            avps.addAvp(AvpCodes.PRODUCT_NAME, "edge-proxy", false, false, false);
            avps.addAvp(AvpCodes.AUTH_APPLICATION_ID, RELAY_APPLICATION, true, false, true);
            send(cer);
            IMessage cea = read();
            long result = cea.getAvps().getAvp(AvpCodes.RESULT_CODE).getUnsigned32();
            if (result != 2001) {
                throw new IllegalStateException(peer + " answered the proxy's CER with " + result);
            }
        }

        /** Forwards what this side sends until its link closes. */
        void forward() {
            try {
                while (true) {
                    IMessage m = read();
                    if (m.getCommandCode() == CommandCodes.DEVICE_WATCHDOG) {
                        if (m.isRequest()) {
                            send(answer(m));
                        }
                    } else if (m.getCommandCode() == CommandCodes.DISCONNECT_PEER || m.getCommandCode() == CommandCodes.CAPABILITIES_EXCHANGE) {
                        if (m.isRequest()) {
                            send(answer(m));
                        }
                    } else if (m.isRequest()) {
                        request(this, m);
                    } else {
                        answered(m);
                    }
                }
            } catch (Exception e) {
                log.debug("edge proxy: link with {} ended: {}", peer, e.toString());
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private EdgeProxy(String identity, String realm, String hiddenAs) {
        this.identity = identity;
        this.realm = realm;
        this.hiddenAs = hiddenAs;
    }

    /**
     * Dials {@code hiddenPeer} on {@code hiddenPort} (the side whose Origin-Host is rewritten to
     * {@code hiddenAs}) and {@code otherPeer} on {@code otherPort}, both on loopback, as {@code identity}
     * of {@code realm}; exchanges capabilities with each, then forwards.
     */
    static EdgeProxy open(String identity, String realm, String hiddenPeer, int hiddenPort, String hiddenAs, String otherPeer,
                          int otherPort) throws Exception {
        EdgeProxy proxy = new EdgeProxy(identity, realm, hiddenAs);
        proxy.hidden = proxy.new Side(hiddenPeer, hiddenPort, true);
        proxy.other = proxy.new Side(otherPeer, otherPort, false);
        proxy.hidden.across = proxy.other;
        proxy.other.across = proxy.hidden;
        for (Side side : List.of(proxy.hidden, proxy.other)) {
            side.exchangeCapabilities();
            Thread reader = new Thread(side::forward, "edge-proxy-" + side.peer);
            reader.setDaemon(true);
            reader.start();
        }
        return proxy;
    }

    /** A request from {@code from}, on to the other side. */
    private void request(Side from, IMessage request) throws Exception {
        long hopByHop = nextHopByHop.getAndIncrement() & 0xFFFFFFFFL;
        byte[] state = ("edge-" + hopByHop).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        pending.put((int) hopByHop, new Forwarded(from, request.getHopByHopIdentifier(), state));
        request.setHopByHopIdentifier(hopByHop);
        AvpSet avps = request.getAvps();
        avps.addAvp(AvpCodes.ROUTE_RECORD, from.peer, true, false, true);
        AvpSet proxyInfo = avps.addGroupedAvp(AvpCodes.PROXY_INFO, true, false);
        proxyInfo.addAvp(AvpCodes.PROXY_HOST, identity, true, false, true);
        proxyInfo.addAvp(AvpCodes.PROXY_STATE, state, true, false);
        requestsForwarded.incrementAndGet();
        from.across.send(request);
    }

    /** An answer, back to the side its request came from. */
    private void answered(IMessage answer) throws Exception {
        Forwarded f = pending.remove((int) answer.getHopByHopIdentifier());
        if (f == null) {
            log.warn("edge proxy: an answer matching no request it forwarded: dropped");
            return;
        }
        answer.setHopByHopIdentifier(f.hopByHop());
        boolean found = false;
        AvpSet avps = answer.getAvps();
        List<Avp> infos = List.of(avps.getAvps(AvpCodes.PROXY_INFO).asArray());
        avps.removeAvp(AvpCodes.PROXY_INFO);
        for (Avp info : infos) {
            Avp state = info.getGrouped().getAvp(AvpCodes.PROXY_STATE);
            if (state != null && java.util.Arrays.equals(state.getOctetString(), f.state())) {
                found = true; // its own: taken out (RFC 6733 §6.2.2)
            } else {
                avps.addAvp(info);
            }
        }
        (found ? answersWithItsProxyInfo : answersWithoutItsProxyInfo).incrementAndGet();
        if (f.from().across.hides) {
            hideOrigin(answer);
        }
        f.from().send(answer);
    }

    private void hideOrigin(IMessage message) {
        message.getAvps().removeAvp(AvpCodes.ORIGIN_HOST);
        message.getAvps().addAvp(AvpCodes.ORIGIN_HOST, hiddenAs, true, false, true);
    }

    private IMessage answer(IMessage request) {
        IMessage a = parser.createEmptyMessage(request.getCommandCode(), request.getApplicationId());
        a.setHopByHopIdentifier(request.getHopByHopIdentifier());
        a.setEndToEndIdentifier(request.getEndToEndIdentifier());
        a.getAvps().addAvp(AvpCodes.RESULT_CODE, 2001L, true, false, true);
        a.getAvps().addAvp(AvpCodes.ORIGIN_HOST, identity, true, false, true);
        a.getAvps().addAvp(AvpCodes.ORIGIN_REALM, realm, true, false, true);
        return a;
    }

    int requestsForwarded() {
        return requestsForwarded.get();
    }

    /** Answers that came back with the Proxy-Info it added to their request (RFC 6733 §6.2: MUST). */
    int answersWithItsProxyInfo() {
        return answersWithItsProxyInfo.get();
    }

    int answersWithoutItsProxyInfo() {
        return answersWithoutItsProxyInfo.get();
    }

    @Override
    public void close() throws IOException {
        try {
            hidden.close();
        } finally {
            other.close();
        }
    }
}
