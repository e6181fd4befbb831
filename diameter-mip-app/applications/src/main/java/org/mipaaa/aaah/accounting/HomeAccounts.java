package org.mipaaa.aaah.accounting;

import org.mipaaa.billing.BillingCalendar;
import org.mipaaa.billing.BillingSettings;
import org.mipaaa.billing.PeriodClosings;
import org.mipaaa.billing.statement.AccountQueries;
import org.mipaaa.ledger.AccountDatabase;
import org.mipaaa.ledger.InfinispanAccountDatabase;
import org.mipaaa.ledger.LedgerWrites;
import org.mipaaa.settings.Settings;
import org.mipaaa.state.StateStore;
import org.mipaaa.tariff.TariffFile;
import org.mipaaa.tariff.Tariffs;

/**
 * The AAAH's account database with what it is read by (seed Fig. 4): tariffs and billing calendar from
 * {@code accounting.tariffs.file} and {@code accounting.billing.file} (relative to the node's
 * directory), the period closings, and the queries (statements, own charges, CSV export). The node
 * opens it on its state store; {@code mip-aaa billing} opens the same on a stopped node's store.
 */
public record HomeAccounts(AccountDatabase database, BillingCalendar calendar, PeriodClosings closings,
                           AccountQueries queries) {

    public static HomeAccounts open(Settings config, StateStore state) {
        return open(config, state, null);
    }

    /** As {@link #open(Settings, StateStore)}, each ledger write reported to {@code writes} (when not null). */
    public static HomeAccounts open(Settings config, StateStore state, LedgerWrites.Observer writes) {
        Tariffs tariffs = TariffFile.load(config.directory().resolve(config.get("accounting.tariffs.file", "tariffs.properties")).normalize());
        BillingCalendar calendar = BillingSettings.load(
                config.directory().resolve(config.get("accounting.billing.file", "billing.properties")).normalize());
        // one instance for the database and for closing: posting and closing exclude each other through it
        PeriodClosings closings = PeriodClosings.in(state);
        AccountDatabase stored = InfinispanAccountDatabase.in(state, tariffs, calendar, closings);
        AccountDatabase database = writes == null ? stored : new LedgerWrites(stored, writes);
        return new HomeAccounts(database, calendar, closings, new AccountQueries(database, calendar, closings, tariffs.currency()));
    }
}
