package org.mipaaa.agent.diameter;

import java.util.List;
import java.util.Optional;

/**
 * A DIAMETER message (RFC 6733 §3): the header's flags, Command-Code, Application-Id, Hop-by-Hop and
 * End-to-End Identifiers, and the AVPs in order.
 */
public record DiameterMessage(int flags, int commandCode, long applicationId, long hopByHop, long endToEnd, List<Avp> avps) {

    public static final int FLAG_REQUEST = 0x80;
    public static final int FLAG_PROXIABLE = 0x40;
    public static final int FLAG_ERROR = 0x20;
    public static final int FLAG_RETRANSMITTED = 0x10;

    public DiameterMessage {
        avps = List.copyOf(avps);
    }

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
}
