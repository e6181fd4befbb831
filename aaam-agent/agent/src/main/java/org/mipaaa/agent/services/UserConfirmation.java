package org.mipaaa.agent.services;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.mipaaa.agent.auth.AaamAuthenticator;
import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.agent.auth.ReplayCounters;
import org.mipaaa.agent.diameter.Avp;
import org.mipaaa.agent.diameter.DiameterCodec;
import org.mipaaa.agent.diameter.DiameterMessage;
import org.mipaaa.agent.diameter.MalformedMessageException;
import org.mipaaa.agent.transport.AgentConnection;
import org.mipaaa.agent.transport.AgentEndpoint;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.VendorResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's answer to the AAAH's User-Confirmation-Request (docs/PROTOCOL.md §4.3): checks the UCR's
 * AAAM-Authenticator and counter (a failed one gets an unsigned UCA 5805 and nobody is asked), that it is
 * about the settlement the user is making now (same payee, order and amount; else 5803), then asks the
 * user through the {@link ConfirmationCallback} and answers the signed UCA with the decision.
 */
final class UserConfirmation implements AgentConnection.ServerRequests {

    private static final Logger log = LoggerFactory.getLogger(UserConfirmation.class);

    /** The settlement the user asked for and is waiting on. */
    static final class Pending {

        private final PurchaseInfo purchase;
        private final SettlementMode mode;
        private final ConfirmationCallback callback;
        /** The Settlement-Id the user decided on, once the decision is answered to the AAAH. */
        private final CompletableFuture<String> decided = new CompletableFuture<>();

        Pending(PurchaseInfo purchase, SettlementMode mode, ConfirmationCallback callback) {
            this.purchase = purchase;
            this.mode = mode;
            this.callback = callback;
        }

        /** Completes with the Settlement-Id when the user's decision is answered (the UCA is handed to the connection). */
        CompletableFuture<String> decided() {
            return decided;
        }


        public PurchaseInfo purchase() {
            return purchase;
        }

        public SettlementMode mode() {
            return mode;
        }

        public ConfirmationCallback callback() {
            return callback;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Pending)) {
                return false;
            }
            Pending other = (Pending) o;
            return java.util.Objects.equals(purchase, other.purchase)
                    && java.util.Objects.equals(mode, other.mode)
                    && java.util.Objects.equals(callback, other.callback);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(purchase, mode, callback);
        }

        @Override
        public String toString() {
            return "Pending[" + "purchase=" + purchase + ", " + "mode=" + mode + ", " + "callback=" + callback + "]";
        }
    }

    private final AaamSecurityAssociation association;
    private final ReplayCounters counters;
    private final VendorSettings vendor;
    private final AgentEndpoint endpoint;
    private final AtomicReference<Pending> pending = new AtomicReference<>();

    UserConfirmation(AaamSecurityAssociation association, ReplayCounters counters, VendorSettings vendor, AgentEndpoint endpoint) {
        this.association = association;
        this.counters = counters;
        this.vendor = vendor;
        this.endpoint = endpoint;
    }

    /** From now until {@link #done}, a UCR for {@code settlement} is put to its callback. */
    void expect(Pending settlement) {
        pending.set(settlement);
    }

    void done() {
        pending.set(null);
    }

    /** The agent is closing: a settlement waiting for its user's decision stops waiting (its UCA may still go out). */
    void abandon() {
        Pending p = pending.get();
        if (p != null) {
            p.decided.completeExceptionally(new IllegalStateException("the agent is closed"));
        }
    }

    @Override
    public DiameterMessage answer(AgentConnection.Received received) {
        DiameterMessage ucr = received.message();
        if (ucr.commandCode() != CommandCodes.USER_CONFIRMATION) {
            return null;
        }
        long vendorId = vendor.vendorId();
        AaamAuthenticator.Verification v = AaamAuthenticator.verify(received.bytes(), vendorId,
                spi -> spi == association.spi() ? Optional.of(association) : Optional.empty());
        if (v instanceof AaamAuthenticator.Verification.Refused) {
            AaamAuthenticator.Verification.Refused refused = (AaamAuthenticator.Verification.Refused) v;
            log.warn("UCR refused: {}", refused.reason());
            return unsigned(ucr, VendorResultCodes.AAAM_AUTHENTICATION_FAILED);
        }
        try {
            if (!counters.acceptIncoming(((AaamAuthenticator.Verification.Verified) v).counter())) {
                log.warn("UCR refused: replayed counter");
                return unsigned(ucr, VendorResultCodes.AAAM_AUTHENTICATION_FAILED);
            }
        } catch (IOException e) {
            log.warn("UCR not answered: cannot store the replay counter: {}", e.toString());
            return unsigned(ucr, VendorResultCodes.AAAM_AUTHENTICATION_FAILED);
        }
        Pending expected = pending.get();
        SettlementProposal proposal;
        try {
            proposal = SettlementCodec.proposal(ucr, vendorId);
        } catch (MalformedMessageException e) {
            log.warn("UCR refused: {}", e.getMessage());
            return signed(ucr, null, VendorResultCodes.UNKNOWN_SETTLEMENT);
        }
        String nai = ucr.find(AvpCodes.USER_NAME).map(Avp::asUtf8).orElse("");
        if (expected == null || !nai.equals(association.nai()) || !sameSettlement(expected, proposal)) {
            log.warn("UCR for settlement {} ({}) matches nothing the user is paying: refused", proposal.settlementId(), proposal.purchase());
            return signed(ucr, null, VendorResultCodes.UNKNOWN_SETTLEMENT);
        }
        ConfirmationCallback.Decision decision;
        try {
            decision = expected.callback().confirm(proposal);
        } catch (RuntimeException e) {
            log.warn("the confirmation callback failed; answering CANCEL: {}", e.toString());
            decision = ConfirmationCallback.Decision.CANCEL;
        }
        DiameterMessage uca = signed(ucr, decision == null ? ConfirmationCallback.Decision.CANCEL : decision, 0);
        // the settlement may wait for this (CONFIRMATION_PENDING): it asks the AAAH for the outcome now; a
        // question that overtakes the UCA on the wire is held by the AAAH until the UCA is in
        expected.decided.complete(proposal.settlementId());
        return uca;
    }

    private static boolean sameSettlement(Pending expected, SettlementProposal proposal) {
        PurchaseInfo asked = expected.purchase();
        PurchaseInfo offered = proposal.purchase();
        return asked.payee().equals(offered.payee()) && asked.orderReference().equals(offered.orderReference())
                && asked.amount().value().compareTo(offered.amount().value()) == 0
                && asked.amount().currencyCode() == offered.amount().currencyCode()
                && expected.mode() == proposal.mode();
    }

    private DiameterMessage unsigned(DiameterMessage ucr, int refusal) {
        return SettlementCodec.confirmationAnswer(ucr, vendor, endpoint.originHost(), endpoint.originRealm(), association.nai(),
                null, refusal);
    }

    private DiameterMessage signed(DiameterMessage ucr, ConfirmationCallback.Decision decision, int refusal) {
        DiameterMessage uca = SettlementCodec.confirmationAnswer(ucr, vendor, endpoint.originHost(), endpoint.originRealm(),
                association.nai(), decision, refusal);
        long counter;
        try {
            counter = counters.nextOutgoing();
        } catch (IOException e) {
            // without a durable counter nothing signed may go out: an unsigned answer is only a refusal
            log.warn("cannot store the replay counter: {}", e.toString());
            return unsigned(ucr, VendorResultCodes.UNKNOWN_SETTLEMENT);
        }
        Avp authenticator = AaamAuthenticator.sign(DiameterCodec.encode(uca), association, counter, vendor.vendorId());
        List<Avp> avps = new ArrayList<>(uca.avps());
        avps.add(authenticator);
        return new DiameterMessage(uca.flags(), uca.commandCode(), uca.applicationId(), uca.hopByHop(), uca.endToEnd(), avps);
    }
}
