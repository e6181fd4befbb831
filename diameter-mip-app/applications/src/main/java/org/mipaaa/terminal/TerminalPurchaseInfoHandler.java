package org.mipaaa.terminal;

import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.messages.CatalogueAnswer;
import org.mipaaa.messages.PurchaseRequest;
import org.mipaaa.shop.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop terminal's Purchase-Information-Request (seed Fig. 15 S203 -> S204): the accounting
 * information of one order from its catalogue.
 *
 * <ol>
 * <li><b>decode</b>: User-Name, Payee-Id, Order-Reference (optional) ({@link PurchaseRequest}).</li>
 * <li><b>validate</b>: the payee must be one the terminal serves (else 5802), the order one of that
 *     payee's (else 5004 with Failed-AVP).</li>
 * <li><b>act</b>: look the order up; without Order-Reference, the payee's latest order.</li>
 * <li><b>answer</b>: {@link CatalogueAnswer}.</li>
 * </ol>
 */
public final class TerminalPurchaseInfoHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(TerminalPurchaseInfoHandler.class);

    private final Catalogue catalogue;
    private final long vendorId;
    private final CatalogueAnswer answer;

    public TerminalPurchaseInfoHandler(Catalogue catalogue, long vendorId) {
        this.catalogue = catalogue;
        this.vendorId = vendorId;
        this.answer = new CatalogueAnswer(vendorId);
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        PurchaseRequest pir;
        try {
            pir = PurchaseRequest.decode(request, vendorId);
        } catch (Avps.Invalid e) {
            return e.refusal().now();
        }
        Catalogue.Lookup lookup = catalogue.lookup(pir.payee(), pir.orderReference());
        log.info("PIR for {} at {} order {}: {}", pir.userName(), pir.payee(), pir.orderReference().orElse("(latest)"),
                lookup.getClass().getSimpleName());
        return answer.answer(pir, lookup).now();
    }
}
