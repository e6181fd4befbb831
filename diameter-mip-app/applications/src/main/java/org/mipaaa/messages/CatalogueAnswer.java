package org.mipaaa.messages;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.FailedAvp;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.shop.Catalogue;
import org.mipaaa.shop.Order;

/**
 * The PIA of whoever holds the orders (the terminal, S204, or an AAAY holding them itself, S205 with
 * S203/S204 skipped), from a {@link Catalogue.Lookup}: 2001 with Purchase-Info; 5004 with Failed-AVP
 * Order-Reference for an order it does not know; 5005 with Failed-AVP Order-Reference when none was named
 * and the payee has no order; Experimental-Result 5802 UNKNOWN_PAYEE for a payee it does not serve.
 */
public final class CatalogueAnswer {

    private final long vendorId;

    public CatalogueAnswer(long vendorId) {
        this.vendorId = vendorId;
    }

    public Answer answer(Request request, AnswerFactory answers, PurchaseRequest pir, Catalogue.Lookup lookup) {
        if (lookup instanceof Catalogue.Lookup.Found found) {
            Answer answer = answers.result(request, ResultCodes.SUCCESS);
            answer.getAvps().addAvp(AvpCodes.USER_NAME, pir.userName(), true, false, false);
            PurchaseInfoAvps.add(answer.getAvps(), found.order(), vendorId);
            return answer;
        }
        if (lookup instanceof Catalogue.Lookup.UnknownOrder unknown) {
            return answers.failure(request, Avps.invalid(pir.orderAvp(), "unknown Order-Reference " + unknown.reference()).failure());
        }
        if (lookup instanceof Catalogue.Lookup.NoOrder none) {
            return answers.failure(request, new ValidationFailure(ResultCodes.MISSING_AVP,
                    "no Order-Reference and no order of " + none.payee(),
                    new FailedAvp(VendorAvpCodes.ORDER_REFERENCE, vendorId, true, new byte[0], null)));
        }
        Catalogue.Lookup.UnknownPayee unknown = (Catalogue.Lookup.UnknownPayee) lookup;
        return answers.experimental(request, vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown payee " + unknown.payee());
    }
}
