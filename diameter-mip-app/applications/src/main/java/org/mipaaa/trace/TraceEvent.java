package org.mipaaa.trace;

import java.time.Instant;

/**
 * One DIAMETER message seen by a node: the unit of the flow trace. Recorded where the message is
 * received, so each hop of an exchange appears once, from the side that judged it.
 *
 * @param time        when the node decoded it
 * @param from        the peer the message came from (its CER Origin-Host), or, when the transport does
 *                    not say, the message's Origin-Host
 * @param to          the receiving node's identity
 * @param command     the command's abbreviation from the dictionary ("CER", "AMR", "PIR"), or its code
 * @param request     R bit
 * @param error       E bit
 * @param retransmit  T bit
 * @param application header Application-Id
 * @param sessionId   Session-Id, or null for base messages that have none
 * @param resultCode  Result-Code (or Experimental-Result-Code) of an answer, or null
 * @param failedAvp   code of the first AVP inside Failed-AVP, or null
 * @param step        the seed's step id this exchange implements ("S104"), or null
 * @param hopByHop    Hop-by-Hop Identifier
 * @param endToEnd    End-to-End Identifier
 */
public record TraceEvent(Instant time, String from, String to, String command, boolean request, boolean error,
                         boolean retransmit, long application, String sessionId, Long resultCode, Integer failedAvp,
                         String step, long hopByHop, long endToEnd) {
}
