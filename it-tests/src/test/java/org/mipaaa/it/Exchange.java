package org.mipaaa.it;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.node.DiameterNode;

/** One request sent from one node to another over their real peer connection, and its answer. */
final class Exchange {

    private Exchange() {
    }

    static Answer send(DiameterNode from, DiameterNode to, int command, long vendorId, long applicationId,
                       Consumer<Request> shape) throws Exception {
        ApplicationId app = vendorId == 0
                ? ApplicationId.createByAuthAppId(applicationId)
                : ApplicationId.createByAuthAppId(vendorId, applicationId);
        DiameterClient.OutgoingRequest out = from.client().newRequest(command, app, to.realm(), to.host());
        shape.accept(out.request());
        return out.send().get(10, TimeUnit.SECONDS);
    }

    static long resultCode(Answer answer) throws AvpDataException {
        Avp rc = answer.getAvps().getAvp(AvpCodes.RESULT_CODE, 0);
        if (rc == null) {
            throw new AssertionError("answer has no Result-Code");
        }
        return rc.getUnsigned32();
    }

    static String identity(Answer answer, int code) throws AvpDataException {
        Avp avp = answer.getAvps().getAvp(code, 0);
        return avp == null ? null : avp.getDiameterIdentity();
    }

    /** The AVPs inside the answer's Failed-AVP; fails when there is none. */
    static AvpSet failedAvp(Answer answer) throws AvpDataException {
        Avp failed = answer.getAvps().getAvp(AvpCodes.FAILED_AVP, 0);
        if (failed == null) {
            throw new AssertionError("answer has no Failed-AVP");
        }
        return failed.getGrouped();
    }
}
