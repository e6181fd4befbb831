package org.mipaaa.demo;

import java.util.concurrent.TimeUnit;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.mipaaa.diameter.AnswerResult;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.lab.Topology;
import org.mipaaa.node.DiameterNode;

/** Sends a probe over the real peer connection between two nodes and reads the answer. */
public final class ProbeRunner {

    private final Topology topology;

    public ProbeRunner(Topology topology) {
        this.topology = topology;
    }

    public ProbeResult run(Probe probe) {
        DiameterNode from = topology.node(probe.from());
        DiameterNode to = topology.node(probe.to());
        try {
            ApplicationId app = probe.vendorId() == 0
                    ? ApplicationId.createByAuthAppId(probe.applicationId())
                    : ApplicationId.createByAuthAppId(probe.vendorId(), probe.applicationId());
            DiameterClient.OutgoingRequest out = from.client().newRequest(probe.command(), app, to.realm(), to.host());
            probe.build().shape(out.avps());
            Answer answer = out.send().get(10, TimeUnit.SECONDS);
            long resultCode = AnswerResult.resultCode(answer);
            return new ProbeResult(probe, resultCode < 0 ? null : resultCode, answer.isError(), failedAvp(answer),
                    string(answer.getAvps().getAvp(AvpCodes.ERROR_MESSAGE, 0)), null);
        } catch (Exception e) {
            return new ProbeResult(probe, null, false, null, null, e.toString());
        }
    }

    private static Integer failedAvp(Answer answer) throws AvpDataException {
        Avp failed = answer.getAvps().getAvp(AvpCodes.FAILED_AVP, 0);
        if (failed == null || failed.getGrouped().size() == 0) {
            return null;
        }
        return failed.getGrouped().getAvpByIndex(0).getCode();
    }

    private static String string(Avp avp) throws AvpDataException {
        return avp == null ? null : avp.getUTF8String();
    }
}
