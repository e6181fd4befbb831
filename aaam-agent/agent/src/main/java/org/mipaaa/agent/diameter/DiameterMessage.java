package org.mipaaa.agent.diameter;

import java.util.List;
import java.util.Optional;

/**
 * A DIAMETER message (RFC 6733 §3): the header's flags, Command-Code, Application-Id, Hop-by-Hop and
 * End-to-End Identifiers, and the AVPs in order.
 *
 * <p>Immutable, so thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class DiameterMessage {

    private final int flags;
    private final int commandCode;
    private final long applicationId;
    private final long hopByHop;
    private final long endToEnd;
    private final List<Avp> avps;

    public DiameterMessage(int flags, int commandCode, long applicationId, long hopByHop, long endToEnd, List<Avp> avps) {
        avps = List.copyOf(avps);
        this.flags = flags;
        this.commandCode = commandCode;
        this.applicationId = applicationId;
        this.hopByHop = hopByHop;
        this.endToEnd = endToEnd;
        this.avps = avps;
    }


    public static final int FLAG_REQUEST = 0x80;
    public static final int FLAG_PROXIABLE = 0x40;
    public static final int FLAG_ERROR = 0x20;
    public static final int FLAG_RETRANSMITTED = 0x10;

    public static DiameterMessage request(int commandCode, long applicationId, boolean proxiable, List<Avp> avps) {
        return new DiameterMessage(FLAG_REQUEST | (proxiable ? FLAG_PROXIABLE : 0), commandCode, applicationId, 0, 0, avps);
    }

    /** The answer to {@code request}: its command, application, identifiers and P bit. */
    public static DiameterMessage answerTo(DiameterMessage request, List<Avp> avps) {
        return new DiameterMessage(request.flags & FLAG_PROXIABLE, request.commandCode, request.applicationId,
                request.hopByHop, request.endToEnd, avps);
    }

    public boolean isRequest() {
        return (flags & FLAG_REQUEST) != 0;
    }

    public boolean isError() {
        return (flags & FLAG_ERROR) != 0;
    }

    public DiameterMessage withIdentifiers(long hopByHop, long endToEnd) {
        return new DiameterMessage(flags, commandCode, applicationId, hopByHop, endToEnd, avps);
    }

    /** The first AVP of {@code code} and {@code vendorId}. */
    public Optional<Avp> find(int code, long vendorId) {
        return avps.stream().filter(a -> a.code() == code && a.vendorId() == vendorId).findFirst();
    }

    public Optional<Avp> find(int code) {
        return find(code, 0);
    }

    public int flags() {
        return flags;
    }

    public int commandCode() {
        return commandCode;
    }

    public long applicationId() {
        return applicationId;
    }

    public long hopByHop() {
        return hopByHop;
    }

    public long endToEnd() {
        return endToEnd;
    }

    public List<Avp> avps() {
        return avps;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DiameterMessage)) {
            return false;
        }
        DiameterMessage other = (DiameterMessage) o;
        return flags == other.flags
                && commandCode == other.commandCode
                && applicationId == other.applicationId
                && hopByHop == other.hopByHop
                && endToEnd == other.endToEnd
                && java.util.Objects.equals(avps, other.avps);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(flags, commandCode, applicationId, hopByHop, endToEnd, avps);
    }

    @Override
    public String toString() {
        return "DiameterMessage[" + "flags=" + flags + ", " + "commandCode=" + commandCode + ", " + "applicationId=" + applicationId + ", " + "hopByHop=" + hopByHop + ", " + "endToEnd=" + endToEnd + ", " + "avps=" + avps + "]";
    }
}
