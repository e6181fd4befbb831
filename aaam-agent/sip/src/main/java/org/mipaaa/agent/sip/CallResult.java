package org.mipaaa.agent.sip;

import java.util.List;

/**
 * How a call placed by {@link SipCaller} went.
 *
 * <p>Its implementations are immutable, so thread-safe.
 */
public interface CallResult {

    String describe();

    /** Answered (2xx), acknowledged, then hung up with BYE, which was answered 2xx. */
    public static final class Completed implements CallResult {

        private final List<Integer> provisional;
        private final int inviteStatus;
        private final int byeStatus;
        private final String callId;

        public Completed(List<Integer> provisional, int inviteStatus, int byeStatus, String callId) {
            provisional = List.copyOf(provisional);
            this.provisional = provisional;
            this.inviteStatus = inviteStatus;
            this.byeStatus = byeStatus;
            this.callId = callId;
        }

        @Override
        public String describe() {
            return "call " + callId + ": provisional " + provisional + ", answered " + inviteStatus + ", BYE answered " + byeStatus;
        }

        public List<Integer> provisional() {
            return provisional;
        }

        public int inviteStatus() {
            return inviteStatus;
        }

        public int byeStatus() {
            return byeStatus;
        }

        public String callId() {
            return callId;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Completed)) {
                return false;
            }
            Completed other = (Completed) o;
            return java.util.Objects.equals(provisional, other.provisional)
                    && inviteStatus == other.inviteStatus
                    && byeStatus == other.byeStatus
                    && java.util.Objects.equals(callId, other.callId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(provisional, inviteStatus, byeStatus, callId);
        }

        @Override
        public String toString() {
            return "Completed[" + "provisional=" + provisional + ", " + "inviteStatus=" + inviteStatus + ", " + "byeStatus=" + byeStatus + ", " + "callId=" + callId + "]";
        }
    }

    /** The callee refused the INVITE (4xx-6xx), or answered the BYE with one. */
    public static final class Refused implements CallResult {

        private final String request;
        private final int status;
        private final String reasonPhrase;

        public Refused(String request, int status, String reasonPhrase) {
            this.request = request;
            this.status = status;
            this.reasonPhrase = reasonPhrase;
        }

        @Override
        public String describe() {
            return request + " refused: " + status + " " + reasonPhrase;
        }

        public String request() {
            return request;
        }

        public int status() {
            return status;
        }

        public String reasonPhrase() {
            return reasonPhrase;
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
            return java.util.Objects.equals(request, other.request)
                    && status == other.status
                    && java.util.Objects.equals(reasonPhrase, other.reasonPhrase);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(request, status, reasonPhrase);
        }

        @Override
        public String toString() {
            return "Refused[" + "request=" + request + ", " + "status=" + status + ", " + "reasonPhrase=" + reasonPhrase + "]";
        }
    }

    /** No final response in time (RFC 3261 Timer B for the INVITE, Timer F for the BYE). */
    public static final class TimedOut implements CallResult {

        private final String request;

        public TimedOut(String request) {
            this.request = request;
        }

        @Override
        public String describe() {
            return "no final response to the " + request + " in time";
        }

        public String request() {
            return request;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof TimedOut)) {
                return false;
            }
            TimedOut other = (TimedOut) o;
            return java.util.Objects.equals(request, other.request);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(request);
        }

        @Override
        public String toString() {
            return "TimedOut[" + "request=" + request + "]";
        }
    }
}
