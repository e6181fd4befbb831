package org.mipaaa.aaah.settlement;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import org.jdiameter.api.Answer;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.settlement.SettlementRecord;

/**
 * The AAAH's SCR to the payee side, the same for the AAAY and a terminal with the AAA function
 * (docs/PROTOCOL.md §4.5): User-Name, Settlement-Id, Requested-Action REFUND_ACCOUNT, Event-Timestamp.
 */
final class PayeeCancelRequest {

    private PayeeCancelRequest() {
    }

    /** @param host Destination-Host, or null to route by {@code realm} */
    static CompletableFuture<Answer> send(NextHopRequest to, String realm, String host, SettlementRecord s, Clock clock) {
        long vendorId = to.vendorId();
        return to.send(CommandCodes.SETTLEMENT_CANCEL, realm, host, scr -> scr.avps()
                .add(AvpCodes.USER_NAME, s.nai())
                .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, s.settlementId())
                .add(AvpCodes.REQUESTED_ACTION, Enumerations.REQUESTED_ACTION_REFUND_ACCOUNT)
                .add(AvpCodes.EVENT_TIMESTAMP, clock.instant()));
    }
}
