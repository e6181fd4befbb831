package org.mipaaa.agent.auth;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.VendorAvpCodes;

/**
 * Where the AAAM-Authenticator sits in an encoded message and what it holds: its offset (everything
 * before it is covered), the encoded AAAM-SPI and AAAM-Replay-Counter members, the value, and the first
 * AVP after it that an agent may not add (anything but Route-Record and Proxy-Info).
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
            } else if (authenticator >= 0 && trailing == null && !addedByAgents(h)) {
                trailing = h.code + (h.vendorId != 0 ? "/" + h.vendorId : "");
            }
            offset += (h.length + 3) & ~3;
        }
        if (authenticator < 0) {
            return null;
        }
        return members(authenticator, data, vendorId, trailing);
    }

    /** RFC 6733 §6.1.9, §6.7.1: what relays and proxies append to a request. */
    private static boolean addedByAgents(Header h) {
        return h.vendorId == 0 && (h.code == AvpCodes.ROUTE_RECORD || h.code == AvpCodes.PROXY_INFO);
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
