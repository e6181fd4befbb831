package org.mipaaa.ledger;

/** Accounting-Record-Type (RFC 6733 §9.8.1), as far as the account database cares. */
public enum RecordType {
    START, INTERIM, STOP, EVENT
}
