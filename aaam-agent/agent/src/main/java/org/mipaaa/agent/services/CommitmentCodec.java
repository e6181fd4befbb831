package org.mipaaa.agent.services;

import java.util.List;
import java.util.Optional;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The Sponsored-Communication and Credit-Communication requests the agent sends and the answers it
 * reads (docs/PROTOCOL.md §4.7, §4.8): the AVPs only; signing and checking are {@link AaamAgent}'s.
 * Public so that a node's tests can build and read them the way the agent does.
 *
 * <p>Stateless (static members only): thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class CommitmentCodec {

    private CommitmentCodec() {
    }

    /** The SCMR of {@code nai} for {@code sponsorId}'s advertisement {@code advertisementId}, unsigned. */
    public static DiameterMessage sponsoredRequest(VendorSettings vendor, String sessionId, String originHost, String originRealm,
                                                   String nai, String sponsorId, String advertisementId) {
        List<Avp> avps = ServiceRequestHeader.of(vendor, sessionId, originHost, originRealm, nai);
        avps.add(Avp.utf8(VendorAvpCodes.SPONSOR_ID, vendor.vendorId(), sponsorId));
        avps.add(Avp.utf8(VendorAvpCodes.ADVERTISEMENT_ID, vendor.vendorId(), advertisementId));
        return DiameterMessage.request(CommandCodes.SPONSORED_COMMUNICATION, vendor.accountingServicesApplicationId(), true, avps);
    }

    /** The CCMR of {@code nai} to {@code creditCompanyId} with the customer's credential, unsigned. */
    public static DiameterMessage creditRequest(VendorSettings vendor, String sessionId, String originHost, String originRealm,
                                                String nai, String creditCompanyId, byte[] customerCredential) {
        List<Avp> avps = ServiceRequestHeader.of(vendor, sessionId, originHost, originRealm, nai);
        avps.add(Avp.utf8(VendorAvpCodes.CREDIT_COMPANY_ID, vendor.vendorId(), creditCompanyId));
        avps.add(Avp.octets(VendorAvpCodes.CUSTOMER_CREDENTIAL, vendor.vendorId(), customerCredential));
        return DiameterMessage.request(CommandCodes.CREDIT_COMMUNICATION, vendor.accountingServicesApplicationId(), true, avps);
    }


    /** The commitment a successful SCMA reports. */
    public static SponsoredCommunication sponsored(DiameterMessage scma, String sponsorId, String advertisementId, long vendorId)
            throws MalformedMessageException {
        long share = Values.unsigned32(Values.require(scma.avps(), VendorAvpCodes.SPONSORED_SHARE, vendorId, "Sponsored-Share"));
        if (share > 100) {
            throw new MalformedMessageException("Sponsored-Share " + share + " is not 0..100");
        }
        String id = Values.require(scma.avps(), VendorAvpCodes.SETTLEMENT_ID, vendorId, "Settlement-Id").asUtf8();
        return new SponsoredCommunication(sponsorId, advertisementId, (int) share, money(scma), id);
    }

    /** The commitment a successful CCMA reports. */
    public static CreditCommunication credit(DiameterMessage ccma, String creditCompanyId, long vendorId) throws MalformedMessageException {
        String id = Values.require(ccma.avps(), VendorAvpCodes.SETTLEMENT_ID, vendorId, "Settlement-Id").asUtf8();
        return new CreditCommunication(creditCompanyId, id, money(ccma));
    }

    private static Optional<Amount> money(DiameterMessage answer) throws MalformedMessageException {
        Optional<Avp> money = Values.find(answer.avps(), AvpCodes.CC_MONEY);
        return money.isPresent() ? Optional.of(Values.money(money.get().asGrouped())) : Optional.empty();
    }

    /**
     * What an unsuccessful SCMA or CCMA ({@code code}: its Result-Code or Experimental-Result-Code) means:
     * 4001 is the credit company refusing the customer's credential; the rest as for a settlement.
     */
    public static ServiceException failure(DiameterMessage answer, long code, String what) {
        if (code == ResultCodes.AUTHENTICATION_REJECTED) {
            String said = answer.find(AvpCodes.ERROR_MESSAGE).map(a -> ": " + a.asUtf8()).orElse("");
            return new ServiceException(ServiceException.Failure.CREDENTIAL_REFUSED, code, what + " refused: " + code + said);
        }
        return SettlementCodec.failure(answer, code, what);
    }
}
