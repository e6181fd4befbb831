package org.mipaaa.agent.services;

import java.util.List;
import java.util.Optional;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorResultCodes;

/**
 * The outcome of a service answer (docs/PROTOCOL.md §2 rule 5): a Result-Code, or an Experimental-Result
 * of the configured vendor; and which outcomes may come unauthenticated.
 */
final class ServiceAnswers {

    private ServiceAnswers() {
    }

    /** The answer's Result-Code or Experimental-Result-Code (of {@code vendorId}); -1 without either. */
    static long code(DiameterMessage answer, long vendorId) {
        Optional<Avp> rc = answer.find(AvpCodes.RESULT_CODE);
        try {
            if (rc.isPresent()) {
                return Values.unsigned32(rc.get());
            }
            Optional<Avp> experimental = answer.find(AvpCodes.EXPERIMENTAL_RESULT);
            if (experimental.isPresent()) {
                List<Avp> members = experimental.get().asGrouped();
                Optional<Avp> vendor = Values.find(members, AvpCodes.VENDOR_ID);
                Optional<Avp> code = Values.find(members, AvpCodes.EXPERIMENTAL_RESULT_CODE);
                if (vendor.isPresent() && code.isPresent() && Values.unsigned32(vendor.get()) == vendorId) {
                    return Values.unsigned32(code.get());
                }
            }
        } catch (MalformedMessageException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Outcomes the AAAH or an agent on the way may send without an AAAM-Authenticator (PROTOCOL §3):
     * 5805 (the AAAH could not authenticate the request, so has no association to sign with) and
     * protocol errors (3xxx, E bit) from any node. The agent reports them and acts on nothing.
     */
    static boolean mayBeUnsigned(DiameterMessage answer, long code) {
        return code == VendorResultCodes.AAAM_AUTHENTICATION_FAILED || answer.isError() || ResultCodes.isProtocolError((int) code);
    }
}
