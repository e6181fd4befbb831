package org.mipaaa.messages;

import java.util.Optional;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;

/**
 * The PIA a node answers with after the next hop answered its own PIR (S205 at the AAAY, S206 at the
 * AAAH): the next hop's outcome (Result-Code or Experimental-Result, Error-Message, Failed-AVP) and its
 * Purchase-Info and Terminal-Host, unchanged, in an answer of this node. An error gets
 * Error-Reporting-Host (RFC 6733 §7.3): the host that reported it, since Origin-Host is now ours.
 */
public final class RelayedPurchaseAnswer {

    private final long vendorId;

    public RelayedPurchaseAnswer(long vendorId) {
        this.vendorId = vendorId;
    }

    /** Our answer carrying what {@code downstream} (the next hop's PIA) says. */
    public Outcome.Reply relay(Answer downstream) {
        return relay(downstream, null);
    }

    /**
     * As {@link #relay(Answer)}, with Terminal-Host {@code terminal} when {@code downstream} names none:
     * the AAAY tells the AAAH which terminal it asked (S205).
     */
    public Outcome.Reply relay(Answer downstream, String terminal) {
        Optional<AnswerResult> result = AnswerResult.of(downstream);
        if (result.isEmpty()) {
            Outcome.Reply refusal = Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY,
                    "the answer from " + originHost(downstream) + " carried no Result-Code");
            return terminal == null ? refusal : refusal.with(avps -> avps.add(VendorAvpCodes.TERMINAL_HOST, vendorId, terminal));
        }
        AvpSet in = downstream.getAvps();
        // the Error-Message as it came, not made anew: the next hop's words
        return result.get().asReply(null).with(out -> {
            copy(in.getAvp(AvpCodes.ERROR_MESSAGE, 0), out);
            if (result.get().code() != ResultCodes.SUCCESS) {
                Avp reporter = in.getAvp(AvpCodes.ERROR_REPORTING_HOST, 0);
                if (reporter != null) {
                    out.copy(reporter);
                } else {
                    out.add(AvpCodes.ERROR_REPORTING_HOST, originHost(downstream));
                }
            }
            for (Avp failed : in.getAvps(AvpCodes.FAILED_AVP, 0)) {
                out.copy(failed);
            }
            copy(in.getAvp(AvpCodes.USER_NAME, 0), out);
            copy(in.getAvp(VendorAvpCodes.PURCHASE_INFO, vendorId), out);
            Avp host = in.getAvp(VendorAvpCodes.TERMINAL_HOST, vendorId);
            if (host != null) {
                out.copy(host);
            } else if (terminal != null) {
                out.add(VendorAvpCodes.TERMINAL_HOST, vendorId, terminal);
            }
        });
    }

    /**
     * Our answer when the next hop ({@code what}) gave none: 3002 DIAMETER_UNABLE_TO_DELIVER with the E
     * bit, saying why in Error-Message ({@code failure} is the send's exception or timeout).
     */
    public static Outcome.Refusal notDelivered(String what, Throwable failure) {
        return NextHopOutcome.notDelivered(what, failure);
    }

    private static void copy(Avp avp, AvpWriter out) {
        if (avp != null) {
            out.copy(avp);
        }
    }

    private static String originHost(Answer answer) {
        Avp host = answer.getAvps().getAvp(AvpCodes.ORIGIN_HOST, 0);
        try {
            return host == null ? "the next hop" : host.getDiameterIdentity();
        } catch (AvpDataException e) {
            return "the next hop";
        }
    }
}
