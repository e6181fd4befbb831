package org.mipaaa.agent.services;

import java.util.ArrayList;
import java.util.List;

import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The AVPs every accounting-services request of the agent begins with (docs/PROTOCOL.md §2, §4): its
 * Session-Id, the carrier's Vendor-Specific-Application-Id, Auth-Session-State NO_STATE_MAINTAINED,
 * this node's Origin-Host/Realm, Destination-Realm = the realm of the NAI, and User-Name.
 */
final class ServiceRequestHeader {

    private ServiceRequestHeader() {
    }

    /** A new, modifiable list holding the header; the command's own AVPs follow. */
    static List<Avp> of(VendorSettings vendor, String sessionId, String originHost, String originRealm, String nai) {
        return new ArrayList<>(List.of(
                Avp.utf8(AvpCodes.SESSION_ID, sessionId),
                Avp.grouped(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID, 0, List.of(
                        Avp.unsigned32(AvpCodes.VENDOR_ID, vendor.vendorId()),
                        Avp.unsigned32(AvpCodes.AUTH_APPLICATION_ID, vendor.accountingServicesApplicationId()))),
                Avp.unsigned32(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED),
                Avp.utf8(AvpCodes.ORIGIN_HOST, originHost),
                Avp.utf8(AvpCodes.ORIGIN_REALM, originRealm),
                Avp.utf8(AvpCodes.DESTINATION_REALM, ChargeQueryCodec.realmOf(nai)),
                Avp.utf8(AvpCodes.USER_NAME, nai)));
    }
}
