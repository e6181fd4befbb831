package org.mipaaa.agent.confirmation;

import java.io.IOException;
import java.util.Objects;

import org.mipaaa.agent.sip.CallRequest;
import org.mipaaa.agent.sip.CallResult;
import org.mipaaa.agent.sip.SipCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed Fig. 21 (a) end to end: confirm the correspondent (S3001-S3003); on OK place the call with the
 * confirmation ID in the INVITE (S3004); on anything else place no call and report why (S3005).
 */
public final class ConfirmedCallSetup {

    private static final Logger log = LoggerFactory.getLogger(ConfirmedCallSetup.class);

    private final CorrespondentConfirmation confirmation;
    private final SipCaller caller;

    public ConfirmedCallSetup(CorrespondentConfirmation confirmation, SipCaller caller) {
        this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /** What happened: the call placed after a confirmation, or no call and why. */
    public sealed interface Result {
        String describe();
    }

    /** S3004: confirmed, and the call placed with the ID (the call itself may still have failed). */
    public record CallPlaced(ConfirmationOutcome.Confirmed confirmation, CallResult call) implements Result {
        @Override
        public String describe() {
            return confirmation.describe() + "; " + call.describe();
        }
    }

    /** S3005: not confirmed, no INVITE sent. */
    public record NotPlaced(ConfirmationOutcome outcome) implements Result {
        @Override
        public String describe() {
            return "no call placed: " + outcome.describe();
        }
    }

    /** Confirms {@code correspondent}, then calls it from {@code fromUri} only when confirmed. */
    public Result call(Correspondent correspondent, String fromUri) throws IOException {
        ConfirmationOutcome outcome = confirmation.confirm(correspondent.confirmationAddress(), correspondent.hostName(),
                correspondent.user());
        if (!(outcome instanceof ConfirmationOutcome.Confirmed confirmed)) {
            log.warn("call to {} not placed: {}", correspondent.requestUri(), outcome.describe());
            return new NotPlaced(outcome);
        }
        CallResult call = caller.call(new CallRequest(correspondent.sipAddress(), correspondent.requestUri(), fromUri,
                confirmed.idText()));
        return new CallPlaced(confirmed, call);
    }
}
