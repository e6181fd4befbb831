/**
 * Billing periods at the AAAH (seed Fig. 4: the account database is totalled per user and period):
 * the {@link org.mipaaa.billing.BillingCalendar} that cuts time into {@link org.mipaaa.billing.BillingPeriod}s
 * (monthly by default, from {@code config/aaah/billing.properties}) and the persistent record of which
 * periods are closed ({@link org.mipaaa.billing.PeriodClosings}). Statements, the CSV export and the
 * queries a mobile node may ask are in {@code org.mipaaa.billing.statement}; this package sees no
 * account entry, so the ledger can depend on it without a cycle.
 */
package org.mipaaa.billing;
