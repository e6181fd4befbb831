package org.mipaaa.messages;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorSettings;

/**
 * A MIP-Accounting-Services request a node originates on the next hop (docs/PROTOCOL.md §2 rule 2): a
 * new Session-Id of its own, Auth-Session-State NO_STATE_MAINTAINED, then the AVPs the caller adds; the
 * PNR and SCR of the AAAH to the AAAY and of the AAAY to the terminal, and the AAAH's UCR.
 */
public final class NextHopRequest {

    private final DiameterClient client;
    private final VendorSettings vendor;
    private final Duration timeout;

    /** @param timeout how long to wait for the answer: below what the previous hop waits for ours */
    public NextHopRequest(DiameterClient client, VendorSettings vendor, Duration timeout) {
        this.client = client;
        this.vendor = vendor;
        this.timeout = timeout;
    }

    /**
     * {@code future}'s value, or {@code fallback} when it has none after {@code after}, on the node's
     * pool ({@link DiameterClient#within}): to answer a request before a slow exchange ends.
     */
    public <T> CompletableFuture<T> within(CompletableFuture<T> future, Duration after, T fallback) {
        return client.within(future, after, fallback);
    }

    public long vendorId() {
        return vendor.vendorId();
    }

    /**
     * Sends {@code command} to {@code destinationRealm} ({@code destinationHost} may be null) with the
     * AVPs {@code fill} adds (to the request, which it may also sign); completes with the answer, or
     * exceptionally when it cannot be sent or none comes in time; on the node's handler pool either way.
     */
    public CompletableFuture<Answer> send(int command, String destinationRealm, String destinationHost,
                                          Consumer<DiameterClient.OutgoingRequest> fill) {
        try {
            DiameterClient.OutgoingRequest out = client.newRequest(command,
                    ApplicationId.createByAuthAppId(vendor.vendorId(), vendor.accountingServicesApplicationId()),
                    destinationRealm, destinationHost);
            out.avps().add(AvpCodes.AUTH_SESSION_STATE, Enumerations.AUTH_SESSION_STATE_NO_STATE_MAINTAINED);
            fill.accept(out);
            return out.send(timeout);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
