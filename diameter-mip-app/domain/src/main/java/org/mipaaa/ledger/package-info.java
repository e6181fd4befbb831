/**
 * The account database of the AAAH (seed Fig. 4): one {@link org.mipaaa.ledger.AccountEntry} per charge
 * to a user, a communication fee (from accounting records, priced with {@code org.mipaaa.tariff}) or a
 * transferred charge (a shop's), each valid or invalidated; amounts are exact {@link org.mipaaa.ledger.Money}.
 *
 * <p>No jDiameter type is seen here: the ACR handler turns a request into a
 * {@link org.mipaaa.ledger.UsageReport} and calls {@link org.mipaaa.ledger.AccountDatabase#recordUsage}
 * before it answers. The state lives in Infinispan caches ({@link org.mipaaa.ledger.LedgerCaches}),
 * persistent and fsynced, changed only with single-key atomic operations; the class comment of
 * {@link org.mipaaa.ledger.InfinispanAccountDatabase} explains why a crash never charges a record twice
 * nor loses it.
 */
package org.mipaaa.ledger;
