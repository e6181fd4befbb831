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
 * The sponsor's AAAY answering an AAAH's Sponsored-Communication-Request (docs/PROTOCOL.md §4.7).
 * <ol>
 * <li><b>decode</b>: Origin-Host/Realm, Session-Id, User-Name, Sponsor-Id, Advertisement-Id.</li>
 * <li><b>validate</b>: a sponsor in the directory (else 5802 UNKNOWN_PAYEE); the AAAH's realm accepted
 *     for it (else 5003); the advertisement one it sponsors (else Experimental-Result 5808 NOT_ELIGIBLE,
 *     a business outcome, not an authorisation failure).</li>
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
    public CompletionStage<Outcome> handle(Request request) {
        return commit(request).now();
    }

    private Outcome commit(Request request) {
        CommitmentRequest scmr;
        String advertisement;
        try {
            scmr = CommitmentRequest.decode(request, VendorAvpCodes.SPONSOR_ID, vendorId, "Sponsor-Id");
            advertisement = Avps.utf8(CommitmentRequest.vendorAvp(request.getAvps(), VendorAvpCodes.ADVERTISEMENT_ID, vendorId,
                    "Advertisement-Id"));
        } catch (Avps.Invalid e) {
            return e.refusal();
        }
        Optional<PayerDirectory.Sponsor> found = directory.sponsor(scmr.payer());
        if (found.isEmpty()) {
            log.info("SCMR from {} for unknown sponsor {}", scmr.originRealm(), scmr.payer());
            return Outcome.experimental(vendorId, VendorResultCodes.UNKNOWN_PAYEE, "unknown sponsor " + scmr.payer());
        }
        PayerDirectory.Sponsor sponsor = found.get();
        if (!sponsor.accepts(scmr.originRealm())) {
            log.warn("SCMR from realm {} for {}: not configured for this sponsor, refused", scmr.originRealm(), sponsor.id());
            return Outcome.refusal(ResultCodes.AUTHORIZATION_REJECTED, "realm " + scmr.originRealm() + " may not ask " + sponsor.id());
        }
        if (!sponsor.sponsors(advertisement)) {
            return Outcome.experimental(vendorId, VendorResultCodes.NOT_ELIGIBLE,
                    "advertisement " + advertisement + " is not sponsored by " + sponsor.id());
        }
        String id = commitments.commit(scmr.requestKey(), UUID.randomUUID().toString());
        log.info("sponsor {} commits {} % of {}'s next communication for advertisement {}: {}", sponsor.id(),
                sponsor.sharePercent(), scmr.userName(), advertisement, id);
        return Outcome.success(avps -> {
            avps.add(AvpCodes.USER_NAME, scmr.userName())
                    .add(VendorAvpCodes.SPONSOR_ID, vendorId, sponsor.id())
                    .add(VendorAvpCodes.ADVERTISEMENT_ID, vendorId, advertisement)
                    .add(VendorAvpCodes.SPONSORED_SHARE, vendorId, sponsor.sharePercent());
            sponsor.ceiling().ifPresent(c -> MoneyAvps.addCcMoney(avps, c.amount(), c.currency()));
            avps.add(VendorAvpCodes.SETTLEMENT_ID, vendorId, id);
        });
    }
}
