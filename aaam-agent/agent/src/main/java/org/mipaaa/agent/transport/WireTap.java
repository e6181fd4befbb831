package org.mipaaa.agent.transport;

/**
 * Sees each DIAMETER message an agent's connections send and receive, as the octets on the wire (inside
 * TLS): for a vendor's diagnostics, or a conformance report that must show the bytes. Set with
 * {@link AgentEndpoint.Builder#wireTap}; none by default.
 *
 * <p>Called on the connection's threads, once per message; an implementation must be thread-safe and
 * quick. What it throws is logged and ignored: a tap never breaks a connection.
 */
@FunctionalInterface
public interface WireTap {

    /** The tap that sees nothing. */
    WireTap NONE = (outgoing, message) -> {
    };

    /**
     * One whole message: {@code outgoing} true for what the agent sent, false for what it received.
     * {@code message} is the tap's own copy.
     */
    void message(boolean outgoing, byte[] message);
}
