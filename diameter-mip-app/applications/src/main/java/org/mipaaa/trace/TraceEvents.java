package org.mipaaa.trace;

import java.time.Clock;

import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Message;
import org.mipaaa.diameter.CommandNames;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.role.Role;

/** Turns a received jDiameter message into a {@link TraceEvent} for one node. */
public final class TraceEvents implements MessageObserver {

    private final String localHost;
    private final java.util.List<Role> localRoles;
    private final java.util.function.Function<String, java.util.List<Role>> peerRoles;
    private final CommandNames names;
    private final TraceSink sink;
    private final Clock clock;

    /**
     * @param localRoles the roles the node plays: a message's step is the first one of them receives
     * @param peerRoles  the roles of a peer by its host name, empty when unknown (for seed step ids)
     */
    public TraceEvents(String localHost, java.util.List<Role> localRoles, java.util.function.Function<String, java.util.List<Role>> peerRoles,
                       CommandNames names, TraceSink sink, Clock clock) {
        this.localHost = localHost;
        this.localRoles = java.util.List.copyOf(localRoles);
        this.peerRoles = peerRoles;
        this.names = names;
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void received(Message m, String peer) {
        sink.received(m, toEvent(m, peer));
    }

    /**
     * A message one role of this node handed to another of its roles without the network (a node
     * playing AAAH and AAAY: the PIR of S202 and its answer): traced as a hop from the node to itself.
     */
    public void inProcess(Message m, Role sender, Role receiver) {
        sink.received(m, event(m, localHost, SeedSteps.of(sender, receiver, m.getCommandCode(), m.isRequest())));
    }

    TraceEvent toEvent(Message m, String peer) {
        AvpSet avps = m.getAvps();
        // the hop: the connection's peer when the transport says; else the origin (a Route-Record names
        // the hop before the one a request came from, RFC 6733 §6.1.9, so it cannot stand in for it)
        String from = peer;
        if (from == null) {
            from = string(avps.getAvp(AvpCodes.ORIGIN_HOST));
        }
        // the step of the first pair of the sender's and this node's roles the seed has one for
        java.util.List<Role> senders = from == null ? java.util.List.of() : peerRoles.apply(from);
        String step = null;
        for (Role sender : senders) {
            for (Role receiver : localRoles) {
                step = step != null ? step : SeedSteps.of(sender, receiver, m.getCommandCode(), m.isRequest());
            }
        }
        return event(m, from, step);
    }

    private TraceEvent event(Message m, String from, String step) {
        AvpSet avps = m.getAvps();
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
                string(avps.getAvp(AvpCodes.SESSION_ID)), result, failed, step, m.getHopByHopIdentifier(), m.getEndToEndIdentifier());
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
