package org.mipaaa.agent.confirmation;

import java.time.Instant;

import org.mipaaa.dictionary.ConfirmationProtocol;

/** What the caller learned (S3002-S3003): only {@link Confirmed} lets the call setup go ahead. */
public sealed interface ConfirmationOutcome {

    /** A short line for logs and error messages. */
    String describe();

    /** OK (S3003 YES): the ID to carry into the call setup, and until when the terminal accepts it. */
    record Confirmed(long confirmationId, Instant validUntil, boolean signatureVerified) implements ConfirmationOutcome {
        /** The ID as the SIP header carries it. */
        public String idText() {
            return ConfirmationAnswer.idText(confirmationId);
        }

        @Override
        public String describe() {
            return "confirmed, ID " + idText() + " valid until " + validUntil + (signatureVerified ? ", signature verified" : "");
        }
    }

    /** NG (S3003 NO): the terminal at the address is not the one expected, or refused the request. */
    record Refused(int reasonCode) implements ConfirmationOutcome {
        @Override
        public String describe() {
            return "refused by the terminal at the address: " + ConfirmationProtocol.reasonName(reasonCode);
        }
    }

    /** No answer to any attempt: nothing at the address, or the packets were lost. */
    record NoAnswer(int attempts) implements ConfirmationOutcome {
        @Override
        public String describe() {
            return "no answer to " + attempts + " confirmation requests";
        }
    }

    /** An OK that is not signed by the key held for the expected terminal: not to be believed. */
    record BadSignature(String problem) implements ConfirmationOutcome {
        @Override
        public String describe() {
            return "an OK answer that is not the expected terminal's: " + problem;
        }
    }
}
