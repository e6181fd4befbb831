package org.mipaaa.mobileip;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 addresses for the fixed part of registration messages, parsed without any name lookup.
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class Ipv4 {

    /** 0.0.0.0: the Home Address of a request whose mobile node has none yet (RFC 2794 §2). */
    public static final Inet4Address UNSPECIFIED = fromBytes(new byte[4], 0);

    private Ipv4() {
    }

    /**
     * Parses a dotted quad ("192.0.2.1"); never resolves a host name.
     *
     * @throws IllegalArgumentException if {@code text} is not four decimal octets
     */
    public static Inet4Address parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + text);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + text);
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + text);
            }
            b[i] = (byte) v;
        }
        return fromBytes(b, 0);
    }

    /** The address held in {@code b[off..off+3]}, network byte order. */
    public static Inet4Address fromBytes(byte[] b, int off) {
        byte[] four = new byte[] {b[off], b[off + 1], b[off + 2], b[off + 3]};
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** Dotted-quad text of {@code a}, without a reverse lookup. */
    public static String format(Inet4Address a) {
        return a.getHostAddress();
    }
}
