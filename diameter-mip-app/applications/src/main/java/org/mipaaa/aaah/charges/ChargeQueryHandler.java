package org.mipaaa.aaah.charges;

import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.Request;
import org.mipaaa.aaah.auth.AaamMessageAuthentication;
import org.mipaaa.aaah.auth.MobileNodeGate;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.billing.statement.AccountQueries;
import org.mipaaa.billing.statement.Statement;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.FailedAvp;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's Charge-Query (seed Fig. 8 S25, "own communication charges"; docs/PROTOCOL.md §4.6): a
 * mobile node reads what the account database holds about its charges in one billing period, straight
 * or through the AAAF of the network it visits.
 *
 * <ol>
 * <li><b>decode</b>: User-Name and Billing-Period (the dictionary check before this one answers 5005 for
 *     a missing one).</li>
 * <li><b>validate</b>: the AAAM-Authenticator, end to end whatever relayed it (missing, unknown SPI, bad
 *     HMAC, replayed counter: Experimental-Result 5805 AAAM_AUTHENTICATION_FAILED, unsigned, nothing
 *     read); User-Name must be the association's NAI (5003 DIAMETER_AUTHORIZATION_REJECTED: a node reads
 *     only its own account); Billing-Period must be "YYYY-MM" (5004 with Failed-AVP).</li>
 * <li><b>act</b>: the node's statement of that period from the account database.</li>
 * <li><b>answer</b>: CQA 2001 with the entries, the total and the tariffs ({@link ChargeQueryAnswer});
 *     every answer after authentication is signed with the AAAH's own counter.</li>
 * </ol>
 */
public final class ChargeQueryHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(ChargeQueryHandler.class);

    private final AaamMessageAuthentication authentication;
    private final AccountQueries accounts;
    private final long vendorId;
    private final MobileNodeGate gate;
    private final ChargeQueryAnswer content;

    public ChargeQueryHandler(AaamMessageAuthentication authentication, AccountQueries accounts, long vendorId) {
        this.authentication = authentication;
        this.accounts = accounts;
        this.vendorId = vendorId;
        this.gate = new MobileNodeGate(authentication, this.vendorId);
        this.content = new ChargeQueryAnswer(vendorId);
    }

    @Override
    public CompletionStage<Answer> handle(Request request, AnswerFactory answers) {
        String nai;
        Avp periodAvp;
        String period;
        try {
            nai = Avps.utf8(Avps.require(request.getAvps(), AvpCodes.USER_NAME, "User-Name"));
            periodAvp = request.getAvps().getAvp(VendorAvpCodes.BILLING_PERIOD, vendorId);
            if (periodAvp == null) {
                return done(answers.failure(request, new ValidationFailure(ResultCodes.MISSING_AVP, "Billing-Period is missing",
                        new FailedAvp(VendorAvpCodes.BILLING_PERIOD, vendorId, true, new byte[0], null))));
            }
            period = Avps.utf8(periodAvp);
        } catch (Avps.Invalid e) {
            return done(answers.failure(request, e.failure()));
        }
        MobileNodeGate.Result gate = this.gate.admit(request, answers, "CQR", "a mobile node reads only its own account");
        if (gate instanceof MobileNodeGate.Answered answered) {
            return done(answered.answer());
        }
        AaamSecurityAssociation association = ((MobileNodeGate.Admitted) gate).association();
        Optional<YearMonth> month = BillingPeriodName.parse(period);
        if (month.isEmpty()) {
            Avps.Invalid invalid = Avps.invalid(periodAvp, "Billing-Period is not YYYY-MM");
            return done(signed(answers.failure(request, invalid.failure()), association));
        }
        Statement statement = accounts.statement(nai, accounts.periodNamed(month.get()));
        Answer answer = answers.result(request, ResultCodes.SUCCESS);
        content.fill(answer.getAvps(), nai, period, statement);
        log.debug("CQR for {} {}: {} entries, total {}", nai, period,
                statement.communicationFees().size() + statement.transferredCharges().size(), statement.total());
        return done(signed(answer, association));
    }

    private Answer signed(Answer answer, AaamSecurityAssociation association) {
        authentication.sign(answer, association);
        return answer;
    }

    private static CompletionStage<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
