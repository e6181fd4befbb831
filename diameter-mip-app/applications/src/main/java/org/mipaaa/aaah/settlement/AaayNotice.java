package org.mipaaa.aaah.settlement;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import org.jdiameter.api.Answer;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.settlement.SettlementRecord;

/**
 * The payee's AAAY as the payee side (S208-S210): a PNR to the realm of Payee-Id (User-Name,
 * Settlement-Id, Purchase-Info, Settlement-Mode, Event-Timestamp), which tells the terminal and books -X;
 * an SCR to that realm to reverse it.
 */
final class AaayNotice implements PayeeSide {

    private final NextHopRequest toPayee;
    private final String realm;
    private final Clock clock;

    AaayNotice(NextHopRequest toPayee, String realm, Clock clock) {
        this.toPayee = toPayee;
        this.realm = realm;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Answer> settle(SettlementRecord s, byte[] purchaseInfo) {
        long vendorId = toPayee.vendorId();
        return toPayee.send(CommandCodes.PAYMENT_NOTIFICATION, realm, null, pnr -> pnr.avps()
                .add(AvpCodes.USER_NAME, s.nai())
                .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, s.settlementId())
                .encoded(VendorAvpCodes.PURCHASE_INFO, vendorId, purchaseInfo)
                .add(VendorAvpCodes.SETTLEMENT_MODE, vendorId, s.mode())
                .add(AvpCodes.EVENT_TIMESTAMP, s.openedAt()));
    }

    @Override
    public CompletableFuture<Answer> cancel(SettlementRecord s) {
        return PayeeCancelRequest.send(toPayee, realm, null, s, clock);
    }

    @Override
    public String name() {
        return "the payee's AAA server in " + realm;
    }
}
