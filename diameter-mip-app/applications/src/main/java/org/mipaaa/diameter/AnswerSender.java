package org.mipaaa.diameter;

import org.jdiameter.api.Answer;

/** Sends an answer back on the connection its request came from. */
@FunctionalInterface
public interface AnswerSender {
    void send(Answer answer) throws Exception;
}
