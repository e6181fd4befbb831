package org.mipaaa.aaah.purchase;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.aaah.auth.AuthenticatedMobileNode;
import org.mipaaa.aaah.auth.MobileNodeHandler;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.messages.ForwardedPurchaseRequest;
import org.mipaaa.messages.PurchaseRequest;
import org.mipaaa.messages.RelayedPurchaseAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's Purchase-Information-Request from a mobile node (seed Figs. 14-15: S201, S202, S205, S206;
 * docs/PROTOCOL.md §4.1), straight or relayed by the AAAF, behind the
 * {@link org.mipaaa.aaah.auth.MobileNodeGate} (AAAM-Authenticator end to end, 5805 unsigned and nothing
 * sent on; User-Name the association's NAI, 5003; every answer signed).
 *
 * <ol>
 * <li><b>decode</b>: User-Name, Payee-Id, Order-Reference ({@link PurchaseRequest}).</li>
 * <li><b>validate</b>: Payee-Id must name a realm (5004 with Failed-AVP).</li>
 * <li><b>act</b>: a new PIR to the AAAY of the payee's realm (S202), without AAAM-Authenticator.</li>
 * <li><b>answer</b>: the AAAY's PIA passed on (S206): its outcome, Purchase-Info and Terminal-Host; no
 *     answer from the AAAY: 3002 DIAMETER_UNABLE_TO_DELIVER.</li>
 * </ol>
 */
public final class HomePurchaseInfoHandler implements MobileNodeHandler {

    private static final Logger log = LoggerFactory.getLogger(HomePurchaseInfoHandler.class);

    private final ForwardedPurchaseRequest toPayee;
    private final long vendorId;
    private final RelayedPurchaseAnswer relay;

    public HomePurchaseInfoHandler(ForwardedPurchaseRequest toPayee, long vendorId) {
        this.toPayee = toPayee;
        this.vendorId = vendorId;
        this.relay = new RelayedPurchaseAnswer(vendorId);
    }

    @Override
    public CompletionStage<Outcome> handle(Request request, AuthenticatedMobileNode node) {
        PurchaseRequest pir;
        try {
            pir = PurchaseRequest.decode(request, vendorId);
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        Optional<String> realm = pir.payeeRealm();
        if (realm.isEmpty()) {
            return Avps.invalid(pir.payeeAvp(), "Payee-Id is not account@realm").refusal().now();
        }
        return toPayee.send(pir, realm.get(), null).handle((pia, failure) -> {
            if (failure != null) {
                log.warn("PIR for {} at {}: no answer from realm {}: {}", pir.userName(), pir.payee(), realm.get(), failure.toString());
                return RelayedPurchaseAnswer.notDelivered("the payee's AAA server in " + realm.get(), failure);
            }
            return relay.relay(pia);
        });
    }
}
