package org.mipaaa.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Avp;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.node.DiameterNode;

/** What the freeDiameter interop tests ask of the daemon, over whichever link they set up. */
final class FreeDiameterChecks {

    private FreeDiameterChecks() {
    }

    /**
     * Sends a Purchase-Information-Request of our vendor application (which freeDiameter does not
     * serve) from the AAAH with Destination-Host = freeDiameter, and checks the 3007 answer, E bit set,
     * from freeDiameter's identity. Returns the answer for further checks.
     */
    static Answer unservedApplicationIsAnswered3007(DiameterNode aaah, String fdHost, String fdRealm) throws Exception {
        assertThat(aaah.connectedPeers()).contains(fdHost);
        VendorSettings vendor = aaah.settings().vendor();
        DiameterClient.OutgoingRequest pir = aaah.client().newRequest(CommandCodes.PURCHASE_INFORMATION,
                ApplicationId.createByAuthAppId(vendor.vendorId(), vendor.accountingServicesApplicationId()),
                fdRealm, fdHost);
        pir.request().getAvps().addAvp(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED, true, false);
        pir.request().getAvps().addAvp(AvpCodes.USER_NAME, "mn1@home.example", true, false, false);

        Answer answer = pir.send().get(10, TimeUnit.SECONDS);

        Avp resultCode = answer.getAvps().getAvp(AvpCodes.RESULT_CODE);
        assertThat(resultCode).as("Result-Code").isNotNull();
        assertThat(resultCode.getUnsigned32()).isEqualTo(ResultCodes.APPLICATION_UNSUPPORTED);
        assertThat(answer.isError()).as("E bit of a protocol error").isTrue();
        assertThat(answer.getCommandCode()).isEqualTo(CommandCodes.PURCHASE_INFORMATION);
        assertThat(answer.getApplicationId()).isEqualTo(vendor.accountingServicesApplicationId());
        assertThat(answer.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity()).isEqualTo(fdHost);
        return answer;
    }
}
