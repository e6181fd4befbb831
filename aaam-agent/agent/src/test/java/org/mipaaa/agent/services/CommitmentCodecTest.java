package org.mipaaa.agent.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;

/** The agent's SCMR/SCMA and CCMR/CCMA codec: requests carry what §4.7/§4.8 name, answers decode, refusals are typed. */
class CommitmentCodecTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();
    private static final long V = VENDOR.vendorId();

    @Test
    void theScmrNamesTheSponsorAndTheAdvertisementAndGoesToTheHomeRealm() {
        DiameterMessage scmr = CommitmentCodec.sponsoredRequest(VENDOR, "s;1", "mn.visited.example", "visited.example",
                "alice@home.example", "ads@sponsor.example", "ad-7");
        assertThat(scmr.commandCode()).isEqualTo(CommandCodes.SPONSORED_COMMUNICATION);
        assertThat(scmr.find(AvpCodes.DESTINATION_REALM).orElseThrow().asUtf8()).isEqualTo("home.example");
        assertThat(scmr.find(VendorAvpCodes.SPONSOR_ID, V).orElseThrow().asUtf8()).isEqualTo("ads@sponsor.example");
        assertThat(scmr.find(VendorAvpCodes.ADVERTISEMENT_ID, V).orElseThrow().asUtf8()).isEqualTo("ad-7");
    }

    @Test
    void anScmaReadsAsTheSponsorsShareCeilingAndCommitment() throws Exception {
        SponsoredCommunication s = CommitmentCodec.sponsored(answer(CommandCodes.SPONSORED_COMMUNICATION,
                Avp.unsigned32(VendorAvpCodes.SPONSORED_SHARE, V, 60), money(250, -2),
                Avp.utf8(VendorAvpCodes.SETTLEMENT_ID, V, "c-1")), "ads@sponsor.example", "ad-7", V);
        assertThat(s.sharePercent()).isEqualTo(60);
        assertThat(s.ceiling().orElseThrow().value()).isEqualByComparingTo(new BigDecimal("2.50"));
        assertThat(s.commitmentId()).isEqualTo("c-1");
    }

    @Test
    void aShareAboveAHundredIsNotACommitment() {
        assertThatThrownBy(() -> CommitmentCodec.sponsored(answer(CommandCodes.SPONSORED_COMMUNICATION,
                Avp.unsigned32(VendorAvpCodes.SPONSORED_SHARE, V, 101), Avp.utf8(VendorAvpCodes.SETTLEMENT_ID, V, "c-1")),
                "ads@sponsor.example", "ad-7", V)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aCcmaWithoutLimitHasNone() throws Exception {
        CreditCommunication c = CommitmentCodec.credit(answer(CommandCodes.CREDIT_COMMUNICATION,
                Avp.utf8(VendorAvpCodes.SETTLEMENT_ID, V, "k-1")), "card@credit.example", V);
        assertThat(c.commitmentId()).isEqualTo("k-1");
        assertThat(c.limit()).isEmpty();
    }

    @Test
    void a4001IsARefusedCredentialAnd5802AnUnknownCompany() {
        DiameterMessage refused = answer(CommandCodes.CREDIT_COMMUNICATION, Avp.unsigned32(AvpCodes.RESULT_CODE, ResultCodes.AUTHENTICATION_REJECTED));
        assertThat(CommitmentCodec.failure(refused, ResultCodes.AUTHENTICATION_REJECTED, "C").failure())
                .isEqualTo(ServiceException.Failure.CREDENTIAL_REFUSED);
        assertThat(CommitmentCodec.failure(refused, 5802, "C").failure()).isEqualTo(ServiceException.Failure.UNKNOWN_PAYEE);
    }

    private static Avp money(long digits, int exponent) {
        return Avp.grouped(AvpCodes.CC_MONEY, 0, List.of(Avp.grouped(AvpCodes.UNIT_VALUE, 0, List.of(
                Avp.unsigned64(AvpCodes.VALUE_DIGITS, 0, digits), Avp.unsigned32(AvpCodes.EXPONENT, exponent))),
                Avp.unsigned32(AvpCodes.CURRENCY_CODE, 978)));
    }

    private static DiameterMessage answer(int command, Avp... avps) {
        return new DiameterMessage(0, command, VENDOR.accountingServicesApplicationId(), 1, 2, List.of(avps));
    }
}
