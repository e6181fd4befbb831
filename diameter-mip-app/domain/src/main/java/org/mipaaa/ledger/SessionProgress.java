package org.mipaaa.ledger;

/**
 * How far an accounting session has been charged: its NAI, the last record number recorded and that
 * record's cumulative counters (the base of the next record's delta).
 */
record SessionProgress(String nai, long lastRecordNumber, UsageCounters counters) {
}
