package org.mipaaa.ledger;

/** The two kinds of account entry of seed Fig. 4. */
public enum EntryKind {
    /** Charged for communication in a visited network (from accounting records). */
    COMMUNICATION_FEE,
    /** A charge of a third party (a shop) transferred to the user's account. */
    TRANSFERRED_CHARGE
}
