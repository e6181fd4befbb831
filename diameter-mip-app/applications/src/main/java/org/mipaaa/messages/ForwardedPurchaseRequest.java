package org.mipaaa.messages;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.mipaaa.diameter.AvpWriter;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorSettings;

/**
 * The PIR a node originates on the next hop (docs/PROTOCOL.md §2 rule 2): the AAAH to the payee's AAAY
 * (S202), the AAAY to the terminal (S203). A new Session-Id of its own, Auth-Session-State
 * NO_STATE_MAINTAINED, the request's User-Name, Payee-Id and Order-Reference; never an
 * AAAM-Authenticator, which is between the mobile node and its AAAH only.
 */
public final class ForwardedPurchaseRequest {

    private final DiameterClient client;
    private final VendorSettings vendor;
    private final Duration timeout;

    /** @param timeout how long to wait for the answer: below what the previous hop waits for ours */
    public ForwardedPurchaseRequest(DiameterClient client, VendorSettings vendor, Duration timeout) {
        this.client = client;
        this.vendor = vendor;
        this.timeout = timeout;
    }

    /**
     * Sends {@code request}'s PIR to {@code destinationRealm} ({@code destinationHost} may be null);
     * completes with the answer, or exceptionally when it cannot be sent or none comes in time.
     */
    public CompletableFuture<Answer> send(PurchaseRequest request, String destinationRealm, String destinationHost) {
        try {
            DiameterClient.OutgoingRequest pir = client.newRequest(CommandCodes.PURCHASE_INFORMATION,
                    ApplicationId.createByAuthAppId(vendor.vendorId(), vendor.accountingServicesApplicationId()),
                    destinationRealm, destinationHost);
            AvpWriter avps = pir.avps();
            avps.add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED);
            avps.add(AvpCodes.USER_NAME, request.userName());
            long vendorId = vendor.vendorId();
            avps.add(VendorAvpCodes.PAYEE_ID, vendorId, request.payee());
            request.orderReference().ifPresent(o -> avps.add(VendorAvpCodes.ORDER_REFERENCE, vendorId, o));
            if (destinationHost != null) {
                avps.add(VendorAvpCodes.TERMINAL_HOST, vendorId, destinationHost);
            }
            avps.add(AvpCodes.REQUESTED_ACTION, Enumerations.REQUESTED_ACTION_PRICE_ENQUIRY);
            return pir.send(timeout);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
