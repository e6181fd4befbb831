package org.mipaaa.demo;

import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.role.Role;

/**
 * A request one role sends another that the receiver must refuse, and the Result-Code RFC 6733 says
 * it must refuse it with.
 *
 * @param from     the sending role
 * @param to       the receiving role, which must refuse
 * @param what     what is wrong with the request, for the demo's output
 * @param command  command code
 * @param expected the Result-Code the receiver must answer
 * @param build    fills the request's AVPs (beyond Session-Id, Origin-*, Destination-*, application ids)
 */
public record Probe(Role from, Role to, String what, int command, long applicationId, long vendorId,
                   int expected, RequestShaper build) {

    /** Fills a probe request. */
    @FunctionalInterface
    public interface RequestShaper {
        void shape(AvpWriter request);
    }
}
