package org.mipaaa.diameter;

/**
 * The AVPs a handler puts in its answer after the ones {@link AnswerFactory} writes (Result-Code or
 * Experimental-Result, Origin-Host, Origin-Realm, Error-Message, Failed-AVP), in the order written.
 * Written when the answer is built, so a handler states what it answers without holding an answer.
 */
@FunctionalInterface
public interface AnswerAvps {

    /** No AVPs of the handler's own. */
    AnswerAvps NONE = avps -> { };

    void writeTo(AvpWriter avps);

    /** These AVPs, then {@code next}'s. */
    default AnswerAvps andThen(AnswerAvps next) {
        return avps -> {
            writeTo(avps);
            next.writeTo(avps);
        };
    }
}
