package org.mipaaa.aaah.settlement;

import java.util.concurrent.CompletableFuture;

import org.jdiameter.api.Answer;
import org.mipaaa.settlement.SettlementRecord;

/**
 * Where the AAAH settles a confirmed settlement at the payee's side, and cancels it again
 * (docs/PROTOCOL.md §4.2, §4.4, §4.5): the payee's AAAY, notified with a PNR (S208-S210,
 * {@link AaayNotice}), or the payee's terminal with the AAA function, asked with a SER that it settles
 * itself (the seed's variant, {@link TerminalSettles}). The AAAH's state machine is the same for both:
 * the charge is recorded only after this side's 2001, a request without answer in time is voided here
 * with an SCR until it answers 2001 or 5803, and a cancellation is an SCR here.
 */
interface PayeeSide {

    /**
     * Settles {@code s} (CONFIRMED) at this side, paying {@code purchaseInfo} (the Purchase-Info AVP's
     * value the user confirmed, as stored with the settlement): completes with its answer, or
     * exceptionally when the request cannot be sent ({@link java.util.concurrent.TimeoutException} when
     * no answer came in time).
     */
    CompletableFuture<Answer> settle(SettlementRecord s, byte[] purchaseInfo);

    /** Sends the SCR that reverses {@code s} at this side (a cancellation, or a void of an unanswered settle). */
    CompletableFuture<Answer> cancel(SettlementRecord s);

    /** How the mobile node's Error-Message names this side, e.g. "the payee's AAA server in shop.example". */
    String name();
}
