package org.mipaaa.aaay;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.payer.PayerCommitments;
import org.mipaaa.payer.PayerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credit company's AAAY answering an AAAH's Credit-Communication-Request (docs/PROTOCOL.md §4.8).
 * <ol>
 * <li><b>decode</b>: Origin-Host/Realm, Session-Id, User-Name, Credit-Company-Id, Customer-Credential
 *     (never logged).</li>
 * <li><b>validate</b>: a company in the directory (else 5802 UNKNOWN_PAYEE); the AAAH's realm accepted
 *     for it (else 5003); the credential the secret configured for the User-Name, compared in constant
 *     time (else 4001 DIAMETER_AUTHENTICATION_REJECTED, the same for an unknown customer).</li>
 * <li><b>act</b>: one commitment per request, durable ({@link PayerCommitments}).</li>
 * <li><b>answer</b>: 2001 with the Settlement-Id and the limit in CC-Money when set.</li>
 * </ol>
 */
public final class AaayCreditCommunicationHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(AaayCreditCommunicationHandler.class);

    private final PayerDirectory directory;
    private final PayerCommitments commitments;
    private final long vendorId;

    public AaayCreditCommunicationHandler(PayerDirectory directory, PayerCommitments commitments, long vendorId) {
        this.directory = directory;
        this.commitments = commitments;
        this.vendorId = vendorId;
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        return commit(request).now();
    }

    private Outcome commit(Request request) {
        CommitmentRequest ccmr;
        byte[] credential;
        try {
            ccmr = CommitmentRequest.decode(request, VendorAvpCodes.CREDIT_COMPANY_ID, vendorId, "Credit-Company-Id");
            credential = Avps.octets(CommitmentRequest.vendorAvp(request.getAvps(), VendorAvpCodes.CUSTOMER_CREDENTIAL, vendorId,
                    "Customer-Credential"));
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        Optional<PayerDirectory.CreditCompany> found = directory.creditCompany(ccmr.payer());
        if (found.isEmpty()) {
            log.info("CCMR from {} for unknown credit company {}", ccmr.originRealm(), ccmr.payer());
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown credit company " + ccmr.payer());
        }
        PayerDirectory.CreditCompany company = found.get();
        if (!company.accepts(ccmr.originRealm())) {
            log.warn("CCMR from realm {} for {}: not configured for this credit company, refused", ccmr.originRealm(), company.id());
            return Outcome.refusal(ResultCodes.AUTHORIZATION_REJECTED, "realm " + ccmr.originRealm() + " may not ask " + company.id());
        }
        if (!company.authenticates(ccmr.userName(), credential)) {
            log.warn("CCMR for {} at {}: customer credential refused", ccmr.userName(), company.id());
            return Outcome.refusal(ResultCodes.AUTHENTICATION_REJECTED, "the customer is not authenticated");
        }
        String id = commitments.commit(ccmr.requestKey(), UUID.randomUUID().toString());
        log.info("credit company {} settles {}'s next communication: {}", company.id(), ccmr.userName(), id);
        return Outcome.success(avps -> {
            avps.add(AvpCodes.USER_NAME, ccmr.userName())
                    .add(VendorAvpCodes.CREDIT_COMPANY_ID, vendorId, company.id())
                    .add(VendorAvpCodes.SETTLEMENT_ID, vendorId, id);
            company.limit().ifPresent(l -> MoneyAvps.addCcMoney(avps, l.amount(), l.currency()));
        });
    }
}
