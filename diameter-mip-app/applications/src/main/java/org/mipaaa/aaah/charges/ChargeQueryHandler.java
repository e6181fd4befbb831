package org.mipaaa.aaah.charges;

import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Avp;
import org.jdiameter.api.Request;
import org.mipaaa.aaah.auth.AuthenticatedMobileNode;
import org.mipaaa.aaah.auth.MobileNodeHandler;
import org.mipaaa.billing.statement.AccountQueries;
import org.mipaaa.billing.statement.Statement;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's Charge-Query (seed Fig. 8 S25, "own communication charges"; docs/PROTOCOL.md §4.6): a
 * mobile node reads what the account database holds about its charges in one billing period, straight
 * or through the AAAF of the network it visits. Behind the {@link org.mipaaa.aaah.auth.MobileNodeGate}
 * (AAAM-Authenticator, 5805 unsigned; User-Name the association's NAI, 5003): a node reads only its own
 * account, and every answer is signed.
 *
 * <ol>
 * <li><b>decode</b>: Billing-Period (the dictionary check before this one answers 5005 for a missing
 *     one).</li>
 * <li><b>validate</b>: Billing-Period must be "YYYY-MM" (5004 with Failed-AVP).</li>
 * <li><b>act</b>: the node's statement of that period from the account database.</li>
 * <li><b>answer</b>: CQA 2001 with the entries, the total and the tariffs ({@link ChargeQueryAnswer}).</li>
 * </ol>
 */
public final class ChargeQueryHandler implements MobileNodeHandler {

    private static final Logger log = LoggerFactory.getLogger(ChargeQueryHandler.class);

    private final AccountQueries accounts;
    private final long vendorId;
    private final ChargeQueryAnswer content;

    public ChargeQueryHandler(AccountQueries accounts, long vendorId) {
        this.accounts = accounts;
        this.vendorId = vendorId;
        this.content = new ChargeQueryAnswer(vendorId);
    }

    @Override
    public CompletionStage<Outcome> handle(Request request, AuthenticatedMobileNode node) {
        return query(request, node.nai()).now();
    }

    private Outcome query(Request request, String nai) {
        Avp periodAvp;
        String period;
        try {
            periodAvp = Avps.require(request.getAvps(), VendorAvpCodes.BILLING_PERIOD, vendorId, "Billing-Period");
            period = Avps.utf8(periodAvp);
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        Optional<YearMonth> month = BillingPeriodName.parse(period);
        if (month.isEmpty()) {
            return Avps.invalid(periodAvp, "Billing-Period is not YYYY-MM").refusal();
        }
        Statement statement = accounts.statement(nai, accounts.periodNamed(month.get()));
        log.debug("CQR for {} {}: {} entries, total {}", nai, period,
                statement.communicationFees().size() + statement.transferredCharges().size(), statement.total());
        return Outcome.success(avps -> content.fill(avps, nai, period, statement));
    }
}
