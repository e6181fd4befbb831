package org.mipaaa.agent.confirmation;

import java.time.Instant;

import org.mipaaa.dictionary.ConfirmationProtocol;

/**
 * What the caller learned (S3002-S3003): only {@link Confirmed} lets the call setup go ahead.
 *
 * <p>Its implementations are immutable, so thread-safe.
 */
public interface ConfirmationOutcome {

    /** A short line for logs and error messages. */
    String describe();

    /** OK (S3003 YES): the ID to carry into the call setup, and until when the terminal accepts it. */
    public static final class Confirmed implements ConfirmationOutcome {

        private final long confirmationId;
        private final Instant validUntil;
        private final boolean signatureVerified;

        public Confirmed(long confirmationId, Instant validUntil, boolean signatureVerified) {
            this.confirmationId = confirmationId;
            this.validUntil = validUntil;
            this.signatureVerified = signatureVerified;
        }

        /** The ID as the SIP header carries it. */
        public String idText() {
            return ConfirmationAnswer.idText(confirmationId);
        }

        @Override
        public String describe() {
            return "confirmed, ID " + idText() + " valid until " + validUntil + (signatureVerified ? ", signature verified" : "");
        }

        public long confirmationId() {
            return confirmationId;
        }

        public Instant validUntil() {
            return validUntil;
        }

        public boolean signatureVerified() {
            return signatureVerified;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Confirmed)) {
                return false;
            }
            Confirmed other = (Confirmed) o;
            return confirmationId == other.confirmationId
                    && java.util.Objects.equals(validUntil, other.validUntil)
                    && signatureVerified == other.signatureVerified;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(confirmationId, validUntil, signatureVerified);
        }

        @Override
        public String toString() {
            return "Confirmed[" + "confirmationId=" + confirmationId + ", " + "validUntil=" + validUntil + ", " + "signatureVerified=" + signatureVerified + "]";
        }
    }

    /** NG (S3003 NO): the terminal at the address is not the one expected, or refused the request. */
    public static final class Refused implements ConfirmationOutcome {

        private final int reasonCode;

        public Refused(int reasonCode) {
            this.reasonCode = reasonCode;
        }

        @Override
        public String describe() {
            return "refused by the terminal at the address: " + ConfirmationProtocol.reasonName(reasonCode);
        }

        public int reasonCode() {
            return reasonCode;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Refused)) {
                return false;
            }
            Refused other = (Refused) o;
            return reasonCode == other.reasonCode;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(reasonCode);
        }

        @Override
        public String toString() {
            return "Refused[" + "reasonCode=" + reasonCode + "]";
        }
    }

    /** No answer to any attempt: nothing at the address, or the packets were lost. */
    public static final class NoAnswer implements ConfirmationOutcome {

        private final int attempts;

        public NoAnswer(int attempts) {
            this.attempts = attempts;
        }

        @Override
        public String describe() {
            return "no answer to " + attempts + " confirmation requests";
        }

        public int attempts() {
            return attempts;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof NoAnswer)) {
                return false;
            }
            NoAnswer other = (NoAnswer) o;
            return attempts == other.attempts;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(attempts);
        }

        @Override
        public String toString() {
            return "NoAnswer[" + "attempts=" + attempts + "]";
        }
    }

    /** An OK that is not signed by the key held for the expected terminal: not to be believed. */
    public static final class BadSignature implements ConfirmationOutcome {

        private final String problem;

        public BadSignature(String problem) {
            this.problem = problem;
        }

        @Override
        public String describe() {
            return "an OK answer that is not the expected terminal's: " + problem;
        }

        public String problem() {
            return problem;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof BadSignature)) {
                return false;
            }
            BadSignature other = (BadSignature) o;
            return java.util.Objects.equals(problem, other.problem);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(problem);
        }

        @Override
        public String toString() {
            return "BadSignature[" + "problem=" + problem + "]";
        }
    }
}
