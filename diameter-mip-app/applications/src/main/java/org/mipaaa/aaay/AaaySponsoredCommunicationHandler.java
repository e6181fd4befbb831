package org.mipaaa.aaay;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.AvpSet;
import org.jdiameter.api.Request;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.MoneyAvps;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.diameter.ValidationFailure;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorAvpCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.payer.PayerCommitments;
import org.mipaaa.payer.PayerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sponsor's AAAY answering an AAAH's Sponsored-Communication-Request (docs/PROTOCOL.md §4.7).
 * <ol>
 * <li><b>decode</b>: Origin-Host/Realm, Session-Id, User-Name, Sponsor-Id, Advertisement-Id.</li>
 * <li><b>validate</b>: a sponsor in the directory (else 5802 UNKNOWN_PAYEE); the AAAH's realm accepted
 *     for it (else 5003); the advertisement one it sponsors (else 5003, "not eligible").</li>
 * <li><b>act</b>: one commitment per request, durable ({@link PayerCommitments}).</li>
 * <li><b>answer</b>: 2001 with the share, the ceiling in CC-Money when set, and the Settlement-Id.</li>
 * </ol>
 */
public final class AaaySponsoredCommunicationHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(AaaySponsoredCommunicationHandler.class);

    private final PayerDirectory directory;
    private final PayerCommitments commitments;
    private final long vendorId;

    public AaaySponsoredCommunicationHandler(PayerDirectory directory, PayerCommitments commitments, long vendorId) {
        this.directory = directory;
        this.commitments = commitments;
        this.vendorId = vendorId;
    }

    @Override
    public CompletionStage<Answer> handle(Request request, AnswerFactory answers) {
        CommitmentRequest scmr;
        String advertisement;
        try {
            scmr = CommitmentRequest.decode(request, VendorAvpCodes.SPONSOR_ID, vendorId, "Sponsor-Id");
            advertisement = Avps.utf8(CommitmentRequest.vendorAvp(request.getAvps(), VendorAvpCodes.ADVERTISEMENT_ID, vendorId,
                    "Advertisement-Id"));
        } catch (Avps.Invalid e) {
            return done(answers.failure(request, e.failure()));
        }
        Optional<PayerDirectory.Sponsor> found = directory.sponsor(scmr.payer());
        if (found.isEmpty()) {
            log.info("SCMR from {} for unknown sponsor {}", scmr.originRealm(), scmr.payer());
            return done(answers.experimental(request, vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown sponsor " + scmr.payer()));
        }
        PayerDirectory.Sponsor sponsor = found.get();
        if (!sponsor.accepts(scmr.originRealm())) {
            log.warn("SCMR from realm {} for {}: not configured for this sponsor, refused", scmr.originRealm(), sponsor.id());
            return done(answers.failure(request, new ValidationFailure(ResultCodes.AUTHORIZATION_REJECTED,
                    "realm " + scmr.originRealm() + " may not ask " + sponsor.id(), null)));
        }
        if (!sponsor.sponsors(advertisement)) {
            return done(answers.failure(request, new ValidationFailure(ResultCodes.AUTHORIZATION_REJECTED,
                    "advertisement " + advertisement + " is not sponsored by " + sponsor.id(), null)));
        }
        String id = commitments.commit(scmr.requestKey(), UUID.randomUUID().toString());
        log.info("sponsor {} commits {} % of {}'s next communication for advertisement {}: {}", sponsor.id(),
                sponsor.sharePercent(), scmr.userName(), advertisement, id);
        Answer answer = answers.result(request, ResultCodes.SUCCESS);
        AvpSet avps = answer.getAvps();
        avps.addAvp(AvpCodes.USER_NAME, scmr.userName(), true, false, false);
        avps.addAvp(VendorAvpCodes.SPONSOR_ID, sponsor.id(), vendorId, true, false, false);
        avps.addAvp(VendorAvpCodes.ADVERTISEMENT_ID, advertisement, vendorId, true, false, false);
        avps.addAvp(VendorAvpCodes.SPONSORED_SHARE, sponsor.sharePercent(), vendorId, true, false, true);
        sponsor.ceiling().ifPresent(c -> MoneyAvps.addCcMoney(avps, c.amount(), c.currency()));
        avps.addAvp(VendorAvpCodes.SETTLEMENT_ID, id, vendorId, true, false, false);
        return done(answer);
    }

    private static CompletionStage<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
