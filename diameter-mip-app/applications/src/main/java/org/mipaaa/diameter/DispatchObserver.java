package org.mipaaa.diameter;

import org.jdiameter.api.Request;

/**
 * What the {@link RequestDispatcher} reports of each request it serves, for the node's meters. Called
 * on the handler pool (on jDiameter's network thread for a 3004); an observer must not block.
 */
public interface DispatchObserver {

    /** Reports nothing. */
    DispatchObserver NONE = new DispatchObserver() {
    };

    /** {@code request} reached the node (on jDiameter's network thread). */
    default void received(Request request) {
    }

    /**
     * An answer went to {@code request}'s sender {@code nanos} after the request reached the node, with
     * {@code result} ({@link AnswerResult#label()}: {@code 2001}, {@code e5803}; {@code -} when it has none).
     */
    default void answered(Request request, String result, long nanos) {
    }

    /** The handler pool was full: {@code request} was answered 3004 DIAMETER_TOO_BUSY at once. */
    default void tooBusy(Request request) {
    }

    /** {@code request} was a copy of one already served: answered with the first one's answer. */
    default void duplicate(Request request) {
    }

    /** A look-up or write of the duplicate-detection store took {@code nanos} ("claim", "complete"). */
    default void stateStore(String operation, long nanos) {
    }
}
