package org.mipaaa.diameter;

import org.jdiameter.api.AvpSet;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;

/** Requests as an AAAF sends them to a home realm, built on real jDiameter message objects. */
final class TestRequests {

    private TestRequests() {
    }

    /** A request of {@code command} with Session-Id, Origin-Host, Origin-Realm and Destination-Realm only. */
    static IMessage request(MessageParser parser, int command, long app) {
        IMessage m = parser.createEmptyMessage(command, app);
        m.setRequest(true);
        AvpSet avps = m.getAvps();
        avps.addAvp(AvpCodes.SESSION_ID, "aaaf.visited.example;1;1", false);
        avps.addAvp(AvpCodes.ORIGIN_HOST, "aaaf.visited.example", true, false, true);
        avps.addAvp(AvpCodes.ORIGIN_REALM, "visited.example", true, false, true);
        avps.addAvp(AvpCodes.DESTINATION_REALM, "home.example", true, false, true);
        return m;
    }

    /** An AMR (RFC 4004 §5.1) with every AVP its ABNF requires. */
    static IMessage completeAmr(MessageParser parser) {
        IMessage amr = request(parser, CommandCodes.AA_MOBILE_NODE, ApplicationIds.MOBILE_IPV4);
        AvpSet avps = amr.getAvps();
        avps.addAvp(AvpCodes.AUTH_APPLICATION_ID, ApplicationIds.MOBILE_IPV4, true, false, true);
        avps.addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);
        avps.addAvp(AvpCodes.MIP_REG_REQUEST, new byte[] {1, 0, 0, 60}, true, false);
        AvpSet auth = avps.addGroupedAvp(AvpCodes.MIP_MN_AAA_AUTH, true, false);
        auth.addAvp(AvpCodes.MIP_MN_AAA_SPI, 256L, true, false, true);
        auth.addAvp(AvpCodes.MIP_AUTH_INPUT_DATA_LENGTH, 4L, true, false, true);
        auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_LENGTH, 16L, true, false, true);
        auth.addAvp(AvpCodes.MIP_AUTHENTICATOR_OFFSET, 4L, true, false, true);
        return amr;
    }
}
