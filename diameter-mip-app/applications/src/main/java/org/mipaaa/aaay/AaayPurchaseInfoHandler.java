package org.mipaaa.aaay;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.messages.CatalogueAnswer;
import org.mipaaa.messages.ForwardedPurchaseRequest;
import org.mipaaa.messages.PurchaseRequest;
import org.mipaaa.messages.RelayedPurchaseAnswer;
import org.mipaaa.payee.PayeeDirectory;
import org.mipaaa.shop.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAY's Purchase-Information-Request from an AAAH (seed Fig. 15 S202 -> S205).
 *
 * <ol>
 * <li><b>decode</b>: User-Name, Payee-Id, Order-Reference ({@link PurchaseRequest}); Origin-Realm.</li>
 * <li><b>validate</b>: the payee must be in the directory (else Experimental-Result 5802 UNKNOWN_PAYEE),
 *     and the requesting AAAH's realm one configured for it (else 5003 DIAMETER_AUTHORIZATION_REJECTED).</li>
 * <li><b>act</b>: a payee held here is looked up in the AAAY's own catalogue (S203/S204 skipped);
 *     otherwise a new PIR goes to the payee's terminal (S203, Destination-Host = Terminal-Host).</li>
 * <li><b>answer</b>: the catalogue's answer, or the terminal's PIA passed back (S205), errors too; no
 *     answer from the terminal: 3002 DIAMETER_UNABLE_TO_DELIVER saying so in Error-Message.</li>
 * </ol>
 */
public final class AaayPurchaseInfoHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(AaayPurchaseInfoHandler.class);

    private final PayeeDirectory directory;
    private final Catalogue heldHere;
    private final ForwardedPurchaseRequest toTerminal;
    private final long vendorId;
    private final CatalogueAnswer catalogueAnswer;
    private final RelayedPurchaseAnswer relay;
    private final String realm;

    /**
     * @param heldHere the orders of the payees whose information the AAAY holds itself
     * @param realm    this AAAY's realm, its terminals' (Destination-Realm of the PIR to them)
     */
    public AaayPurchaseInfoHandler(PayeeDirectory directory, Catalogue heldHere, ForwardedPurchaseRequest toTerminal, long vendorId,
                                   String realm) {
        this.realm = realm;
        this.directory = directory;
        this.heldHere = heldHere;
        this.toTerminal = toTerminal;
        this.vendorId = vendorId;
        this.catalogueAnswer = new CatalogueAnswer(vendorId);
        this.relay = new RelayedPurchaseAnswer(vendorId);
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        PurchaseRequest pir;
        String originRealm;
        try {
            pir = PurchaseRequest.decode(request, vendorId);
            originRealm = Avps.utf8(Avps.require(request.getAvps(), AvpCodes.ORIGIN_REALM, "Origin-Realm"));
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        Optional<PayeeDirectory.Payee> found = directory.find(pir.payee());
        if (found.isEmpty()) {
            log.info("PIR from {} for unknown payee {}", originRealm, pir.payee());
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee " + pir.payee()).now();
        }
        PayeeDirectory.Payee payee = found.get();
        if (!payee.accepts(originRealm)) {
            log.warn("PIR from realm {} for {}: that realm is not configured for this payee, refused", originRealm, pir.payee());
            return Outcome.refusal(ResultCodes.AUTHORIZATION_REJECTED, "realm " + originRealm + " may not ask for " + pir.payee()).now();
        }
        if (payee.heldHere()) {
            return catalogueAnswer.answer(pir, heldHere.lookup(pir.payee(), pir.orderReference())).now();
        }
        String terminal = payee.terminalHost().orElseThrow();
        return toTerminal.send(pir, realm, terminal).handle((pia, failure) -> {
            if (failure != null) {
                log.warn("PIR for {}: terminal {} gave no answer: {}", pir.payee(), terminal, failure.toString());
                return RelayedPurchaseAnswer.notDelivered("the shop terminal " + terminal, failure);
            }
            return relay.relay(pia, terminal);
        });
    }
}
