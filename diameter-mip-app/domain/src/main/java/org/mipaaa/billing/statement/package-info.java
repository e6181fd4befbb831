/**
 * Bills at the AAAH: a user's {@link org.mipaaa.billing.statement.Statement} for a billing period
 * (communication fees and transferred charges apart, invalidated entries shown and not counted) as JSON,
 * plain text and HTML, the RFC 4180 CSV of a whole period for a billing system, and
 * {@link org.mipaaa.billing.statement.AccountQueries}, what the AAAH answers a mobile node asking for
 * its own charges. Reads the account database ({@code org.mipaaa.ledger}); writes nothing.
 */
package org.mipaaa.billing.statement;
