package org.mipaaa.agent.auth;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;

/**
 * Where the AAAM-Authenticator sits in an encoded message and what it holds: its offset (the AVPs before
 * it are covered, but for those agents may add, remove or rewrite), the encoded AAAM-SPI and
 * AAAM-Replay-Counter members, the value, and the first AVP after it that agents do not add or rewrite.
 */
final class SignedParts {

    private final int authenticatorOffset;
    private final long spi;
    private final long counter;
    private final byte[] coveredMembers;
    private final byte[] value;
    private final String trailingForeignAvp;

    public SignedParts(int authenticatorOffset, long spi, long counter, byte[] coveredMembers, byte[] value, String trailingForeignAvp) {
        this.authenticatorOffset = authenticatorOffset;
        this.spi = spi;
        this.counter = counter;
        this.coveredMembers = coveredMembers;
        this.value = value;
        this.trailingForeignAvp = trailingForeignAvp;
    }


    private static final int FLAG_VENDOR = 0x80;

    /** The parts of {@code message}; null when it has no AAAM-Authenticator of {@code vendorId}. */
    static SignedParts locate(byte[] message, long vendorId) throws MalformedMessageException {
        DiameterCodec.decode(message); // checks the version, the length and every AVP's bounds
        int authenticator = -1;
        byte[] data = null;
        String trailing = null;
        for (int offset = DiameterCodec.HEADER_LENGTH; offset < message.length; ) {
            Header h = Header.at(message, offset);
            if (h.code == VendorAvpCodes.AAAM_AUTHENTICATOR && h.vendorId == vendorId) {
                if (authenticator >= 0) {
                    throw new MalformedMessageException("two AAAM-Authenticator AVPs");
                }
                authenticator = offset;
                data = Arrays.copyOfRange(message, offset + h.headerLength, offset + h.length);
            } else if (authenticator >= 0 && trailing == null && !changedByAgents(h)) {
                trailing = h.code + (h.vendorId != 0 ? "/" + h.vendorId : "");
            }
            offset += (h.length + 3) & ~3;
        }
        if (authenticator < 0) {
            return null;
        }
        return members(authenticator, data, vendorId, trailing);
    }

    /**
     * What agents on the path may add, remove or rewrite, and the authenticator therefore does not
     * cover (docs/PROTOCOL.md §3): Route-Record (RFC 6733 §6.1.9: appended by each relay and proxy),
     * Proxy-Info (§6.7.3, §6.2.2: a proxy adds its own to a request and removes it from the answer; the
     * answerer copies it in, §6.2), and the routing identities a topology-hiding agent at a network's
     * edge rewrites: Origin-Host, Origin-Realm, Destination-Host, Destination-Realm.
     */
    static boolean changedByAgents(Header h) {
        return h.vendorId == 0 && (h.code == AvpCodes.ROUTE_RECORD || h.code == AvpCodes.PROXY_INFO
                || h.code == AvpCodes.ORIGIN_HOST || h.code == AvpCodes.ORIGIN_REALM
                || h.code == AvpCodes.DESTINATION_HOST || h.code == AvpCodes.DESTINATION_REALM);
    }

    /**
     * The AVPs of {@code message} from offset {@code from} to {@code to} that the authenticator covers,
     * as encoded (header, data, padding), in order.
     */
    static byte[] coveredAvps(byte[] message, int from, int to) throws MalformedMessageException {
        java.io.ByteArrayOutputStream covered = new java.io.ByteArrayOutputStream(to - from);
        for (int offset = from; offset < to; ) {
            Header h = Header.at(message, offset);
            int padded = (h.length + 3) & ~3;
            if (offset + padded > to) {
                throw new MalformedMessageException("AVP " + h.code + " runs past the covered part");
            }
            if (!changedByAgents(h)) {
                covered.write(message, offset, padded);
            }
            offset += padded;
        }
        return covered.toByteArray();
    }

    private static SignedParts members(int offset, byte[] data, long vendorId, String trailing) throws MalformedMessageException {
        int[] expected = {VendorAvpCodes.AAAM_SPI, VendorAvpCodes.AAAM_REPLAY_COUNTER, VendorAvpCodes.AAAM_AUTHENTICATOR_VALUE};
        int[] lengths = {4, 8, AaamAuthenticator.VALUE_LENGTH};
        byte[][] values = new byte[3][];
        int position = 0;
        int coveredEnd = 0;
        for (int i = 0; i < expected.length; i++) {
            if (data.length - position < 12) {
                throw new MalformedMessageException("AAAM-Authenticator lacks member " + expected[i]);
            }
            Header h = Header.at(data, position);
            if (h.code != expected[i] || h.vendorId != vendorId || h.length - h.headerLength != lengths[i]
                    || position + h.length > data.length) {
                throw new MalformedMessageException("AAAM-Authenticator member " + (i + 1) + " is not "
                        + expected[i] + " of " + lengths[i] + " octets");
            }
            values[i] = Arrays.copyOfRange(data, position + h.headerLength, position + h.length);
            position += (h.length + 3) & ~3;
            if (i == 1) {
                coveredEnd = position;
            }
        }
        if (position != data.length) {
            throw new MalformedMessageException("AAAM-Authenticator has more than its three members");
        }
        long spi = ByteBuffer.wrap(values[0]).getInt() & 0xFFFF_FFFFL;
        long counter = ByteBuffer.wrap(values[1]).getLong();
        if (counter < 0) {
            throw new MalformedMessageException("AAAM-Replay-Counter above 2^63-1");
        }
        return new SignedParts(offset, spi, counter, Arrays.copyOf(data, coveredEnd), values[2], trailing);
    }

    /** One AVP header (RFC 6733 §4.1). */
    private static final class Header {

        private final int code;
        private final long vendorId;
        private final int length;
        private final int headerLength;

        Header(int code, long vendorId, int length, int headerLength) {
            this.code = code;
            this.vendorId = vendorId;
            this.length = length;
            this.headerLength = headerLength;
        }

        static Header at(byte[] bytes, int offset) throws MalformedMessageException {
            if (bytes.length - offset < 8) {
                throw new MalformedMessageException("truncated AVP header at offset " + offset);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
            int code = b.getInt();
            int flagsAndLength = b.getInt();
            boolean vendor = ((flagsAndLength >>> 24) & FLAG_VENDOR) != 0;
            int headerLength = vendor ? 12 : 8;
            int length = flagsAndLength & 0xFFFFFF;
            if (length < headerLength || (vendor && bytes.length - offset < 12)) {
                throw new MalformedMessageException("AVP " + code + " has a bad length " + length);
            }
            long vendorId = vendor ? b.getInt() & 0xFFFF_FFFFL : 0;
            if (vendor && vendorId == 0) {
                throw new MalformedMessageException("AVP " + code + " has the V bit and Vendor-Id 0");
            }
            return new Header(code, vendorId, length, headerLength);
        }

        public int code() {
            return code;
        }

        public long vendorId() {
            return vendorId;
        }

        public int length() {
            return length;
        }

        public int headerLength() {
            return headerLength;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Header)) {
                return false;
            }
            Header other = (Header) o;
            return code == other.code
                    && vendorId == other.vendorId
                    && length == other.length
                    && headerLength == other.headerLength;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(code, vendorId, length, headerLength);
        }

        @Override
        public String toString() {
            return "Header[" + "code=" + code + ", " + "vendorId=" + vendorId + ", " + "length=" + length + ", " + "headerLength=" + headerLength + "]";
        }
    }

    public int authenticatorOffset() {
        return authenticatorOffset;
    }

    public long spi() {
        return spi;
    }

    public long counter() {
        return counter;
    }

    public byte[] coveredMembers() {
        return coveredMembers;
    }

    public byte[] value() {
        return value;
    }

    public String trailingForeignAvp() {
        return trailingForeignAvp;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SignedParts)) {
            return false;
        }
        SignedParts other = (SignedParts) o;
        return authenticatorOffset == other.authenticatorOffset
                && spi == other.spi
                && counter == other.counter
                && java.util.Objects.equals(coveredMembers, other.coveredMembers)
                && java.util.Objects.equals(value, other.value)
                && java.util.Objects.equals(trailingForeignAvp, other.trailingForeignAvp);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(authenticatorOffset, spi, counter, coveredMembers, value, trailingForeignAvp);
    }

    @Override
    public String toString() {
        return "SignedParts[" + "authenticatorOffset=" + authenticatorOffset + ", " + "spi=" + spi + ", " + "counter=" + counter + ", " + "coveredMembers=" + coveredMembers + ", " + "value=" + value + ", " + "trailingForeignAvp=" + trailingForeignAvp + "]";
    }
}
