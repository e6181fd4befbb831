package org.mipaaa.diameter;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Message;
import org.mipaaa.dictionary.AvpCodes;

/**
 * What a {@link RequestHandler} decided to answer, as a value; {@link AnswerFactory} alone turns it into
 * the jDiameter answer. Modelled on the returns of the Erlang/OTP diameter application's
 * {@code handle_request} callback ({@code {reply, Answer}}, {@code {answer_message, ResultCode}},
 * {@code {relay, ...}}): the cases are exactly what the nodes answer.
 * <ul>
 *   <li>{@link Success}: a 1xxx/2xxx Result-Code and the handler's AVPs;</li>
 *   <li>{@link Refusal}: any other Result-Code (3xxx with the E bit, 4xxx, 5xxx; RFC 6733 §7.1), an
 *       Error-Message (§7.3, M bit clear) and a Failed-AVP (§7.5), and AVPs;</li>
 *   <li>{@link Experimental}: an Experimental-Result { Vendor-Id, Experimental-Result-Code } of a vendor
 *       application instead of a Result-Code (§7.6; docs/PROTOCOL.md §5), Error-Message, AVPs;</li>
 *   <li>{@link Relayed}: a proxy's upstream answer, passed back as it came (§6.1.9);</li>
 *   <li>{@link Sealed}: another outcome, with a {@link Seal} applied to the finished answer last (the
 *       AAAH's AAAM-Authenticator covers every AVP before it, docs/PROTOCOL.md §3).</li>
 * </ul>
 * A failure is not an outcome: a handler that throws, or whose stage completes exceptionally, is
 * answered 5012 by the {@link RequestDispatcher}.
 */
public sealed interface Outcome permits Outcome.Reply, Outcome.Relayed, Outcome.Sealed {

    /** An answer this node makes itself: its result, then the handler's AVPs. */
    sealed interface Reply extends Outcome permits Success, Refusal, Experimental {

        /** The AVPs after the result, Origin-Host, Origin-Realm, Error-Message and Failed-AVP. */
        AnswerAvps avps();

        /** This reply with {@code more} written after its own AVPs. */
        Reply with(AnswerAvps more);
    }

    /** @param resultCode 1xxx (informational) or 2xxx (success) */
    record Success(long resultCode, AnswerAvps avps) implements Reply {
        public Success {
            if (resultCode < 1000 || resultCode >= 3000) {
                throw new IllegalArgumentException("Result-Code " + resultCode + " is no success: a refusal");
            }
            Objects.requireNonNull(avps, "avps");
        }

        @Override
        public Success with(AnswerAvps more) {
            return new Success(resultCode, avps.andThen(more));
        }
    }

    /**
     * @param resultCode   any Result-Code but 1xxx/2xxx, including what a next hop answered
     * @param errorMessage Error-Message, or null for none
     * @param failedAvp    Failed-AVP, or null for none
     */
    record Refusal(long resultCode, String errorMessage, FailedAvp failedAvp, AnswerAvps avps) implements Reply {
        public Refusal {
            if (resultCode >= 1000 && resultCode < 3000) {
                throw new IllegalArgumentException("Result-Code " + resultCode + " is no refusal");
            }
            Objects.requireNonNull(avps, "avps");
        }

        @Override
        public Refusal with(AnswerAvps more) {
            return new Refusal(resultCode, errorMessage, failedAvp, avps.andThen(more));
        }
    }

    /** @param errorMessage Error-Message, or null for none */
    record Experimental(long vendorId, long resultCode, String errorMessage, AnswerAvps avps) implements Reply {
        public Experimental {
            Objects.requireNonNull(avps, "avps");
        }

        @Override
        public Experimental with(AnswerAvps more) {
            return new Experimental(vendorId, resultCode, errorMessage, avps.andThen(more));
        }
    }

    /** @param upstream the answer a proxy got for the request it forwarded */
    record Relayed(Message upstream) implements Outcome {
        public Relayed {
            Objects.requireNonNull(upstream, "upstream");
        }
    }

    /** {@code outcome}'s answer, finished by {@code seal}. */
    record Sealed(Outcome outcome, Seal seal) implements Outcome {
        public Sealed {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(seal, "seal");
        }
    }

    /** The last step of an answer: adds what must cover all of it (it may only append AVPs). */
    @FunctionalInterface
    interface Seal {
        void seal(Answer complete);
    }

    /** DIAMETER_SUCCESS without AVPs of the handler's own. */
    static Success success() {
        return success(AnswerAvps.NONE);
    }

    /** DIAMETER_SUCCESS with {@code avps}. */
    static Success success(AnswerAvps avps) {
        return new Success(org.mipaaa.dictionary.ResultCodes.SUCCESS, avps);
    }

    static Refusal refusal(long resultCode, String errorMessage) {
        return new Refusal(resultCode, errorMessage, null, AnswerAvps.NONE);
    }

    static Refusal refusal(long resultCode, String errorMessage, FailedAvp failedAvp) {
        return new Refusal(resultCode, errorMessage, failedAvp, AnswerAvps.NONE);
    }

    static Experimental experimental(long vendorId, long resultCode, String errorMessage) {
        return new Experimental(vendorId, resultCode, errorMessage, AnswerAvps.NONE);
    }

    /**
     * A Result-Code decided elsewhere (a next hop's, a stored one): a {@link Success} or a
     * {@link Refusal} by its class, with {@code errorMessage} (null for none) either way.
     */
    static Reply result(long resultCode, String errorMessage) {
        if (resultCode >= 1000 && resultCode < 3000) {
            Success success = new Success(resultCode, AnswerAvps.NONE);
            return errorMessage == null ? success : success.with(avps -> avps.add(AvpCodes.ERROR_MESSAGE, errorMessage));
        }
        return refusal(resultCode, errorMessage);
    }

    static Relayed relayed(Message upstream) {
        return new Relayed(upstream);
    }

    /** This outcome, with {@code seal} applied to its finished answer. */
    default Sealed sealedBy(Seal seal) {
        return new Sealed(this, seal);
    }

    /** This outcome as the stage of a handler that answers without waiting for anything. */
    default CompletionStage<Outcome> now() {
        return CompletableFuture.completedFuture(this);
    }
}
