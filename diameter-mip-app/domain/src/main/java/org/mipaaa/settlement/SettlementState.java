package org.mipaaa.settlement;

/**
 * Where a settlement is (docs/PROTOCOL.md §4.2, §4.5 as implemented). Each change is stored (fsynced)
 * before the message that follows it goes out.
 */
public enum SettlementState {
    /** Opened; the UCR is out, nothing charged. */
    AWAITING_CONFIRMATION,
    /** The user said OK; the PNR is out (or must be sent again), nothing charged yet. */
    CONFIRMED,
    /** The payee side confirmed (PNA 2001) and the charge is in the account database. */
    SETTLED,
    /** The user said CANCEL (5801); nothing charged. */
    REJECTED,
    /** No confirmation in time (4801); nothing charged. */
    TIMED_OUT,
    /** The payee side refused or could not be reached; nothing charged. */
    NOT_SETTLED,
    /**
     * The payee side did not answer the PNR in time: nothing charged, the mobile node told as for
     * NOT_SETTLED; an SCR voids whatever the AAAY may have booked, sent until it answers, then NOT_SETTLED.
     */
    VOIDING,
    /** Cancellation asked; the payee side is being told, the entry is still valid. */
    CANCELLING,
    /** Cancelled: the entry is invalidated and the payee side reversed. */
    CANCELLED;

    /** Whether the SER has had its final answer. */
    public boolean answered() {
        return this != AWAITING_CONFIRMATION && this != CONFIRMED;
    }
}
