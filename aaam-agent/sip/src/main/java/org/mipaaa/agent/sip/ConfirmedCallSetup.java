package org.mipaaa.agent.sip;

import java.io.IOException;
import java.util.Objects;

import org.mipaaa.agent.confirmation.ConfirmationOutcome;
import org.mipaaa.agent.confirmation.Correspondent;
import org.mipaaa.agent.confirmation.CorrespondentConfirmation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed Fig. 21 (a) end to end: confirm the correspondent (S3001-S3003); on OK place the call with the
 * confirmation ID in the INVITE (S3004); on anything else place no call and report why (S3005).
 *
 * <p>Thread-safe when its CorrespondentConfirmation and SipCaller are (this library's are).
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
    public interface Result {
        String describe();
    }

    /** S3004: confirmed, and the call placed with the ID (the call itself may still have failed). */
    public static final class CallPlaced implements Result {

        private final ConfirmationOutcome.Confirmed confirmation;
        private final CallResult call;

        public CallPlaced(ConfirmationOutcome.Confirmed confirmation, CallResult call) {
            this.confirmation = confirmation;
            this.call = call;
        }

        @Override
        public String describe() {
            return confirmation.describe() + "; " + call.describe();
        }

        public ConfirmationOutcome.Confirmed confirmation() {
            return confirmation;
        }

        public CallResult call() {
            return call;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof CallPlaced)) {
                return false;
            }
            CallPlaced other = (CallPlaced) o;
            return java.util.Objects.equals(confirmation, other.confirmation)
                    && java.util.Objects.equals(call, other.call);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(confirmation, call);
        }

        @Override
        public String toString() {
            return "CallPlaced[" + "confirmation=" + confirmation + ", " + "call=" + call + "]";
        }
    }

    /** S3005: not confirmed, no INVITE sent. */
    public static final class NotPlaced implements Result {

        private final ConfirmationOutcome outcome;

        public NotPlaced(ConfirmationOutcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public String describe() {
            return "no call placed: " + outcome.describe();
        }

        public ConfirmationOutcome outcome() {
            return outcome;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof NotPlaced)) {
                return false;
            }
            NotPlaced other = (NotPlaced) o;
            return java.util.Objects.equals(outcome, other.outcome);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(outcome);
        }

        @Override
        public String toString() {
            return "NotPlaced[" + "outcome=" + outcome + "]";
        }
    }

    /** Confirms {@code correspondent}, then calls it from {@code fromUri} only when confirmed. */
    public Result call(Correspondent correspondent, String fromUri) throws IOException {
        ConfirmationOutcome outcome = confirmation.confirm(correspondent.confirmationAddress(), correspondent.hostName(),
                correspondent.user());
        if (!(outcome instanceof ConfirmationOutcome.Confirmed)) {
            log.warn("call to {} not placed: {}", correspondent.requestUri(), outcome.describe());
            return new NotPlaced(outcome);
        }
        ConfirmationOutcome.Confirmed confirmed = (ConfirmationOutcome.Confirmed) outcome;
        CallResult call = caller.call(new CallRequest(correspondent.sipAddress(), correspondent.requestUri(), fromUri,
                confirmed.idText()));
        return new CallPlaced(confirmed, call);
    }
}
