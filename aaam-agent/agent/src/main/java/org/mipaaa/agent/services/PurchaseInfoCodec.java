package org.mipaaa.agent.services;

import java.util.List;
import java.util.Optional;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The Purchase-Information-Request the agent sends (S201) and the answer it reads (S206), docs/PROTOCOL.md
 * §4.1: the AVPs only, and what an unsuccessful answer means; signing and checking the authenticator are
 * {@link AaamAgent}'s. Public so that a node's tests can read answers the way the agent does.
 *
 * <p>Stateless (static members only): thread-safe.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class PurchaseInfoCodec {

    private PurchaseInfoCodec() {
    }

    /** The PIR of {@code nai} for {@code payee}'s order {@code orderReference} (null: none named), unsigned, without identifiers. */
    public static DiameterMessage request(VendorSettings vendor, String sessionId, String originHost, String originRealm,
                                          String nai, String payee, String orderReference) {
        long vendorId = vendor.vendorId();
        long app = vendor.accountingServicesApplicationId();
        List<Avp> avps = ServiceRequestHeader.of(vendor, sessionId, originHost, originRealm, nai);
        avps.add(Avp.utf8(VendorAvpCodes.PAYEE_ID, vendorId, payee));
        if (orderReference != null) {
            avps.add(Avp.utf8(VendorAvpCodes.ORDER_REFERENCE, vendorId, orderReference));
        }
        avps.add(Avp.unsigned32(AvpCodes.REQUESTED_ACTION, Enumerations.REQUESTED_ACTION_PRICE_ENQUIRY));
        return DiameterMessage.request(CommandCodes.PURCHASE_INFORMATION, app, true, avps);
    }

    /** The Purchase-Info of a successful PIA. */
    public static PurchaseInfo answer(DiameterMessage pia, long vendorId) throws MalformedMessageException {
        return SettlementCodec.purchaseInfo(Values.require(pia.avps(), VendorAvpCodes.PURCHASE_INFO, vendorId, "Purchase-Info").asGrouped(),
                vendorId, Values.find(pia.avps(), VendorAvpCodes.TERMINAL_HOST, vendorId).map(Avp::asUtf8));
    }

    /** What an unsuccessful PIA ({@code code}: its Result-Code or Experimental-Result-Code) means to the mobile node. */
    public static ServiceException failure(DiameterMessage pia, long code, long vendorId) {
        String said = pia.find(AvpCodes.ERROR_MESSAGE).map(a -> ": " + a.asUtf8()).orElse("");
        Optional<String> reporter = pia.find(AvpCodes.ERROR_REPORTING_HOST).map(Avp::asUtf8);
        String by = reporter.map(h -> " (reported by " + h + ")").orElse("");
        ServiceException.Failure failure;
        if (code == VendorResultCodes.AAAM_AUTHENTICATION_FAILED) {
            failure = ServiceException.Failure.AUTHENTICATION_FAILED;
        } else if (code == VendorResultCodes.UNKNOWN_PAYEE) {
            failure = ServiceException.Failure.UNKNOWN_PAYEE;
        } else if (code == VendorResultCodes.UNKNOWN_ORDER) {
            failure = ServiceException.Failure.UNKNOWN_ORDER;
        } else if (code == VendorResultCodes.NO_ORDER) {
            failure = ServiceException.Failure.NO_ORDER;
        } else if (code == ResultCodes.INVALID_AVP_VALUE && failedAvpNames(pia, VendorAvpCodes.ORDER_REFERENCE, vendorId)) {
            failure = ServiceException.Failure.UNKNOWN_ORDER; // a server of before the vendor codes
        } else if (code == ResultCodes.MISSING_AVP && failedAvpNames(pia, VendorAvpCodes.ORDER_REFERENCE, vendorId)) {
            failure = ServiceException.Failure.NO_ORDER; // likewise
        } else if (code == ResultCodes.UNABLE_TO_DELIVER || code == ResultCodes.REALM_NOT_SERVED) {
            failure = ServiceException.Failure.NOT_DELIVERED;
        } else if (code == ResultCodes.AUTHORIZATION_REJECTED) {
            // the AAAH's own 5003 (another node's User-Name) has no reporter; the payee's AAA server's has one
            failure = reporter.isPresent() ? ServiceException.Failure.REFUSED_BY_PAYEE : ServiceException.Failure.UNKNOWN_USER;
        } else {
            failure = ServiceException.Failure.REFUSED;
        }
        return new ServiceException(failure, code, "Purchase-Information refused: " + code + said + by);
    }

    private static boolean failedAvpNames(DiameterMessage pia, int code, long vendorId) {
        for (Avp avp : pia.avps()) {
            if (avp.code() == AvpCodes.FAILED_AVP && avp.vendorId() == 0) {
                try {
                    if (Values.find(avp.asGrouped(), code, vendorId).isPresent()) {
                        return true;
                    }
                } catch (MalformedMessageException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
