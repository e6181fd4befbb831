package org.mipaaa.aaah.purchase;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jdiameter.api.Answer;
import org.jdiameter.api.Request;
import org.mipaaa.aaah.auth.AaamMessageAuthentication;
import org.mipaaa.aaah.auth.MobileNodeGate;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.diameter.AnswerFactory;
import org.mipaaa.diameter.Avps;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.messages.ForwardedPurchaseRequest;
import org.mipaaa.messages.PurchaseRequest;
import org.mipaaa.messages.RelayedPurchaseAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AAAH's Purchase-Information-Request from a mobile node (seed Figs. 14-15: S201, S202, S205, S206;
 * docs/PROTOCOL.md §4.1), straight or relayed by the AAAF.
 *
 * <ol>
 * <li><b>decode</b>: User-Name, Payee-Id, Order-Reference ({@link PurchaseRequest}).</li>
 * <li><b>validate</b>: the AAAM-Authenticator end to end (5805 unsigned, nothing sent on); User-Name
 *     must be the association's NAI (5003); Payee-Id must name a realm (5004 with Failed-AVP).</li>
 * <li><b>act</b>: a new PIR to the AAAY of the payee's realm (S202), without AAAM-Authenticator.</li>
 * <li><b>answer</b>: the AAAY's PIA passed on (S206): its outcome, Purchase-Info and Terminal-Host; no
 *     answer from the AAAY: 3002 DIAMETER_UNABLE_TO_DELIVER. Every answer after authentication is signed.</li>
 * </ol>
 */
public final class HomePurchaseInfoHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(HomePurchaseInfoHandler.class);

    private final AaamMessageAuthentication authentication;
    private final ForwardedPurchaseRequest toPayee;
    private final long vendorId;
    private final MobileNodeGate gate;
    private final RelayedPurchaseAnswer relay;

    public HomePurchaseInfoHandler(AaamMessageAuthentication authentication, ForwardedPurchaseRequest toPayee, long vendorId) {
        this.authentication = authentication;
        this.toPayee = toPayee;
        this.vendorId = vendorId;
        this.gate = new MobileNodeGate(authentication, this.vendorId);
        this.relay = new RelayedPurchaseAnswer(vendorId);
    }

    @Override
    public CompletionStage<Answer> handle(Request request, AnswerFactory answers) {
        PurchaseRequest pir;
        try {
            pir = PurchaseRequest.decode(request, vendorId);
        } catch (Avps.Invalid e) {
            return done(answers.failure(request, e.failure()));
        }
        MobileNodeGate.Result gate = this.gate.admit(request, answers, "PIR", "a mobile node asks only for itself");
        if (gate instanceof MobileNodeGate.Answered answered) {
            return done(answered.answer());
        }
        AaamSecurityAssociation association = ((MobileNodeGate.Admitted) gate).association();
        Optional<String> realm = pir.payeeRealm();
        if (realm.isEmpty()) {
            return done(signed(answers.failure(request, Avps.invalid(pir.payeeAvp(), "Payee-Id is not account@realm").failure()),
                    association));
        }
        return toPayee.send(pir, realm.get(), null).handle((pia, failure) -> {
            Answer answer;
            if (failure != null) {
                log.warn("PIR for {} at {}: no answer from realm {}: {}", pir.userName(), pir.payee(), realm.get(), failure.toString());
                answer = RelayedPurchaseAnswer.notDelivered(request, answers, "the payee's AAA server in " + realm.get(), failure);
            } else {
                answer = relay.relay(request, answers, pia);
            }
            return signed(answer, association);
        });
    }

    private Answer signed(Answer answer, AaamSecurityAssociation association) {
        authentication.sign(answer, association);
        return answer;
    }

    private static CompletionStage<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
