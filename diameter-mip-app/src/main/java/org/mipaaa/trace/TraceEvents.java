package org.mipaaa.trace;

import java.time.Clock;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Message;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.node.Role;

/** Turns a received jDiameter message into a {@link TraceEvent} for one node. */
public final class TraceEvents implements MessageObserver {

    private final String localHost;
    private final Role localRole;
    private final java.util.function.Function<String, Role> peerRoles;
    private final CommandNames names;
    private final TraceSink sink;
    private final Clock clock;

    /**
     * @param peerRoles the role of a peer by its host name, or null when unknown (for seed step ids)
     */
    public TraceEvents(String localHost, Role localRole, java.util.function.Function<String, Role> peerRoles,
                       CommandNames names, TraceSink sink, Clock clock) {
        this.localHost = localHost;
        this.localRole = localRole;
        this.peerRoles = peerRoles;
        this.names = names;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void received(Message m, String peer) {
        sink.accept(toEvent(m, peer));
    }

    TraceEvent toEvent(Message m, String peer) {
        AvpSet avps = m.getAvps();
        // the hop: the connection's peer when the transport says; else the last proxy, else the origin
        String from = peer;
        if (from == null && m.isRequest()) {
            from = lastRouteRecord(avps);
        }
        if (from == null) {
            from = string(avps.getAvp(AvpCodes.ORIGIN_HOST));
        }
        Long result = null;
        Avp rc = avps.getAvp(AvpCodes.RESULT_CODE);
        if (rc != null) {
            result = unsigned(rc);
        } else {
            Avp exp = avps.getAvp(AvpCodes.EXPERIMENTAL_RESULT);
            if (exp != null) {
                try {
                    Avp code = exp.getGrouped().getAvp(AvpCodes.EXPERIMENTAL_RESULT_CODE);
                    result = code == null ? null : unsigned(code);
                } catch (AvpDataException e) {
                    result = null;
                }
            }
        }
        Integer failed = null;
        Avp failedAvp = avps.getAvp(AvpCodes.FAILED_AVP);
        if (failedAvp != null) {
            try {
                AvpSet inner = failedAvp.getGrouped();
                failed = inner.size() > 0 ? inner.getAvpByIndex(0).getCode() : null;
            } catch (AvpDataException e) {
                failed = null;
            }
        }
        return new TraceEvent(clock.instant(), from == null ? "?" : from, localHost,
                names.abbreviation(m.getApplicationId(), m.getCommandCode(), m.isRequest()),
                m.isRequest(), m.isError(), m.isReTransmitted(), m.getApplicationId(),
                string(avps.getAvp(AvpCodes.SESSION_ID)), result, failed,
                SeedSteps.of(from == null ? null : peerRoles.apply(from), localRole, m.getCommandCode(), m.isRequest()),
                m.getHopByHopIdentifier(), m.getEndToEndIdentifier());
    }

    private static String lastRouteRecord(AvpSet avps) {
        AvpSet rr = avps.getAvps(AvpCodes.ROUTE_RECORD);
        return rr.size() == 0 ? null : string(rr.getAvpByIndex(rr.size() - 1));
    }

    private static String string(Avp avp) {
        if (avp == null) {
            return null;
        }
        try {
            return avp.getUTF8String();
        } catch (AvpDataException e) {
            return "<undecodable>";
        }
    }

    private static Long unsigned(Avp avp) {
        try {
            return avp.getUnsigned32();
        } catch (AvpDataException e) {
            return null;
        }
    }
}
