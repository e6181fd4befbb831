package org.mipaaa.agent.sip;

import java.util.List;

/** How a call placed by {@link SipCaller} went. */
public sealed interface CallResult {

    String describe();

    /** Answered (2xx), acknowledged, then hung up with BYE, which was answered 2xx. */
    record Completed(List<Integer> provisional, int inviteStatus, int byeStatus, String callId) implements CallResult {
        public Completed {
            provisional = List.copyOf(provisional);
        }

        @Override
        public String describe() {
            return "call " + callId + ": provisional " + provisional + ", answered " + inviteStatus + ", BYE answered " + byeStatus;
        }
    }

    /** The callee refused the INVITE (4xx-6xx), or answered the BYE with one. */
    record Refused(String request, int status, String reasonPhrase) implements CallResult {
        @Override
        public String describe() {
            return request + " refused: " + status + " " + reasonPhrase;
        }
    }

    /** No final response in time (RFC 3261 Timer B for the INVITE, Timer F for the BYE). */
    record TimedOut(String request) implements CallResult {
        @Override
        public String describe() {
            return "no final response to the " + request + " in time";
        }
    }
}
