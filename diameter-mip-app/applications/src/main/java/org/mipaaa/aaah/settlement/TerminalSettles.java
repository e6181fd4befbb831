package org.mipaaa.aaah.settlement;

import java.net.ConnectException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.jdiameter.api.Answer;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Enumerations;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.messages.NextHopRequest;
import org.mipaaa.settlement.SettlementRecord;

/**
 * The payee's terminal with the AAA function as the payee side (the seed's variant of S208-S210: "the
 * payment request rather than the payment notice is given from the AAAH server to the terminal"): a SER
 * of the AAAH's own (new Session-Id; Destination-Host = the terminal, Destination-Realm its realm) with
 * User-Name, Purchase-Info, Settlement-Mode, Settlement-Id, Terminal-Host and Requested-Action
 * DIRECT_DEBITING; the terminal settles and answers SEA. An SCR to the terminal reverses it.
 */
final class TerminalSettles implements PayeeSide {

    private final NextHopRequest toTerminal;
    private final String host;
    private final String realm;
    private final Predicate<String> connected;
    private final Clock clock;

    /** @param connected whether a peer is connected now (the terminal is a peer of the AAAH) */
    TerminalSettles(NextHopRequest toTerminal, String host, String realm, Predicate<String> connected, Clock clock) {
        this.toTerminal = toTerminal;
        this.host = host;
        this.realm = realm;
        this.connected = connected;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Answer> settle(SettlementRecord s, byte[] purchaseInfo) {
        if (!connected.test(host)) {
            return notConnected();
        }
        long vendorId = toTerminal.vendorId();
        return toTerminal.send(CommandCodes.SETTLEMENT, realm, host, ser -> ser.avps()
                .add(AvpCodes.USER_NAME, s.nai())
                .encoded(VendorAvpCodes.PURCHASE_INFO, vendorId, purchaseInfo)
                .add(VendorAvpCodes.SETTLEMENT_MODE, vendorId, s.mode())
                .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, s.settlementId())
                .add(VendorAvpCodes.TERMINAL_HOST, vendorId, host)
                .add(AvpCodes.REQUESTED_ACTION, Enumerations.REQUESTED_ACTION_DIRECT_DEBITING));
    }

    @Override
    public CompletableFuture<Answer> cancel(SettlementRecord s) {
        if (!connected.test(host)) {
            return notConnected();
        }
        return PayeeCancelRequest.send(toTerminal, realm, host, s, clock);
    }

    /**
     * Not sent when the terminal is not connected: jDiameter's router would fall back from Destination-Host
     * to the peers of Destination-Realm, i.e. hand the SER to the payee's AAAY, which does not settle.
     */
    private CompletableFuture<Answer> notConnected() {
        return CompletableFuture.failedFuture(new ConnectException(host + " is not connected"));
    }

    @Override
    public String name() {
        return "the payee's terminal " + host;
    }
}
