package org.mipaaa.billing.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mipaaa.ledger.LedgerFixture.VISITED;
import static org.mipaaa.ledger.LedgerFixture.eur;
import static org.mipaaa.ledger.LedgerFixture.report;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.billing.PeriodClosings;
import org.mipaaa.ledger.InfinispanAccountDatabase;
import org.mipaaa.ledger.LedgerFixture;
import org.mipaaa.ledger.RecordType;
import org.mipaaa.state.StateStore;

/**
 * Statements and the CSV export against totals computed by hand (LedgerFixture's tariffs):
 * <pre>
 * fee:s1#1  60 s, 150 000 octets, visited.example  0.12 + 0.015 = 0.135 -> 0.14
 * fee:s1#2 120 s, 350 000 octets                    0.24 + 0.035 = 0.275 -> 0.28  (invalidated)
 * fee:s1#3  20 s,  20 000 octets                    0.04 + 0.002 = 0.042 -> 0.04
 * charge:k42  4.50
 * charge:k7   2.00  (invalidated)
 * communication fees 0.14 + 0.04 = 0.18; transferred charges 4.50; total 4.68
 * </pre>
 */
class StatementTest {

    static final String NAI = "mn1@home.example";
    static final Instant NOV_20 = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    Path data;
    StateStore store;
    InfinispanAccountDatabase ledger;
    AccountQueries queries;
    BillingPeriod november;

    @BeforeEach
    void open() {
        store = LedgerFixture.open(data);
        ledger = LedgerFixture.database(store);
        queries = new AccountQueries(ledger, LedgerFixture.MONTHLY, PeriodClosings.in(store), LedgerFixture.EUR);
        november = queries.periodOf(NOV_20);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void recordNovember() {
        ledger.recordUsage(report("s1", 0, RecordType.START, VISITED, "2026-11-10T10:00:00Z", 0, 0, 0, 0, 0));
        ledger.recordUsage(report("s1", 1, RecordType.INTERIM, VISITED, "2026-11-10T10:01:00Z", 60, 100_000, 50_000, 100, 80));
        ledger.recordUsage(report("s1", 2, RecordType.INTERIM, VISITED, "2026-11-10T10:03:00Z", 180, 400_000, 150_000, 300, 200));
        ledger.recordUsage(report("s1", 3, RecordType.STOP, VISITED, "2026-11-10T10:03:20Z", 200, 410_000, 160_000, 310, 205));
        ledger.recordTransferredCharge(NAI, eur("4.50"), "shop.example", "order 42 <b>", Instant.parse("2026-11-12T08:00:00Z"), "k42");
        ledger.recordTransferredCharge(NAI, eur("2.00"), "shop.example", "order 7, \"red\"", Instant.parse("2026-11-12T09:00:00Z"), "k7");
        ledger.invalidate("fee:s1#2", "ops", NOV_20);
        ledger.invalidate("charge:k7", "ops", NOV_20);
    }

    @Test
    void totalsLeaveInvalidatedEntriesOutButTheStatementListsThem() {
        recordNovember();
        Statement s = queries.statement(NAI, november);
        assertThat(s.communicationFees()).extracting(e -> e.id()).containsExactly("fee:s1#1", "fee:s1#2", "fee:s1#3");
        assertThat(s.transferredCharges()).extracting(e -> e.id()).containsExactly("charge:k42", "charge:k7");
        assertThat(s.communicationFeesTotal()).isEqualTo(eur("0.18"));
        assertThat(s.transferredChargesTotal()).isEqualTo(eur("4.50"));
        assertThat(s.total()).isEqualTo(eur("4.68"));
        assertThat(s.closed()).isFalse();
    }

    @Test
    void theJsonStatementCarriesExactAmountsStatesAndTotals() {
        recordNovember();
        String json = StatementJson.render(queries.statement(NAI, november));
        assertThat(json).startsWith("{\"nai\":\"mn1@home.example\",\"period\":{\"start\":\"2026-11-01T00:00:00Z\","
                + "\"end\":\"2026-12-01T00:00:00Z\",\"zone\":\"Z\",\"firstDay\":\"2026-11-01\",\"lastDay\":\"2026-11-30\"},"
                + "\"closed\":false,\"currency\":\"EUR\",");
        assertThat(json).endsWith("\"totals\":{\"communicationFees\":\"0.18\",\"transferredCharges\":\"4.50\",\"total\":\"4.68\"}}");
        assertThat(json).contains("{\"id\":\"fee:s1#2\",\"date\":\"2026-11-10T10:03:00Z\",\"postedAt\":\"2026-11-10T10:03:00Z\","
                + "\"amount\":\"0.28\",\"state\":\"INVALIDATED\",\"invalidatedBy\":\"ops\",\"invalidatedAt\":\"2026-11-20T09:00:00Z\","
                + "\"sessionId\":\"s1\",\"recordNumber\":2,\"recordType\":\"INTERIM\",\"visitedRealm\":\"visited.example\","
                + "\"connectSeconds\":120,\"inputOctets\":300000,\"outputOctets\":100000,\"inputPackets\":200,\"outputPackets\":120,");
        assertThat(json).contains("\"goods\":\"order 7, \\\"red\\\"\"");
    }

    @Test
    void theTextBillListsFeesAndChargesApartAndMarksInvalidatedOnes() {
        recordNovember();
        String text = StatementText.render(queries.statement(NAI, november));
        assertThat(text).startsWith("Statement of mn1@home.example\nPeriod 2026-11-01..2026-11-30 (Z), open: more entries may come\n");
        assertThat(text.indexOf("Communication fees\n")).isLessThan(text.indexOf("Transferred charges\n"));
        assertThat(text).contains("      INVALIDATED by ops at 2026-11-20 09:00:00, not counted\n");
        assertThat(text).containsPattern("  Communication fees total +0\\.18\n");
        assertThat(text).containsPattern("  Transferred charges total +4\\.50\n");
        assertThat(text).containsPattern("TOTAL +4\\.68\n");
        assertThat(text).containsPattern("fee:s1#2 +\\(0\\.28\\)\n");
    }

    @Test
    void aTariffChangeInsideThePeriodPricesTheSessionAfterItAtTheNewTariffOnTheStatementAndInTheCsv() {
        recordNovember();
        // s2 on 2026-11-20, after visited.example's change of 2026-11-15: 150 s x 0.001 = 0.15, 50 000 octets
        // x 0.0001/kilobyte = 0.005; 0.155 -> 0.16 (half-even). At the old 0.002/s it would be 0.305 -> 0.30.
        ledger.recordUsage(report("s2", 0, RecordType.START, VISITED, "2026-11-20T10:00:00Z", 0, 0, 0, 0, 0));
        ledger.recordUsage(report("s2", 1, RecordType.STOP, VISITED, "2026-11-20T10:02:30Z", 150, 30_000, 20_000, 40, 30));

        Statement s = queries.statement(NAI, november);

        assertThat(s.communicationFeesTotal()).isEqualTo(eur("0.34")); // 0.14 + 0.04 + 0.16, s1#2 invalidated
        assertThat(s.total()).isEqualTo(eur("4.84"));
        assertThat(StatementText.render(s)).contains("visited.example@2026-11-15T00:00:00Z").contains("visited.example@2026-01-01T00:00:00Z");
        assertThat(queries.periodCsv(november)).contains("fee:s2#1,mn1@home.example,COMMUNICATION_FEE,2026-11-20T10:02:30Z,"
                + "2026-11-20T10:02:30Z,0.16,EUR,VALID,");
    }

    @Test
    void theHtmlBillEscapesAndStrikesInvalidatedEntries() {
        recordNovember();
        String html = StatementHtml.render(queries.statement(NAI, november));
        assertThat(html).contains("order 42 &lt;b&gt;").doesNotContain("<b>");
        assertThat(html).contains("<tr class=\"invalidated\"><td>2026-11-10 10:03:00</td><td>fee:s1#2</td>");
        assertThat(html).contains("Communication fees total</th><th class=\"amount\">0.18</th>");
        assertThat(html).contains("Total: <span class=\"amount\">4.68</span>");
    }

    @Test
    void theCsvOfAPeriodHasEveryUsersEntriesQuotedAsRfc4180Says() {
        ledger.recordUsage(report("s9", 1, RecordType.INTERIM, VISITED, "2026-11-10T10:01:00Z", 60, 100_000, 50_000, 100, 80));
        ledger.recordTransferredCharge(NAI, eur("2.00"), "shop.example", "order 7, \"red\"", Instant.parse("2026-11-12T08:00:00Z"), "k7");
        ledger.invalidate("charge:k7", "ops", NOV_20);
        ledger.recordTransferredCharge("mn2@home.example", eur("1.00"), "shop.example", "order 8", Instant.parse("2026-11-13T08:00:00Z"), "k8");
        ledger.recordTransferredCharge(NAI, eur("9.99"), "shop.example", "order 9", Instant.parse("2026-12-01T00:00:00Z"), "k9");

        assertThat(queries.periodCsv(november)).isEqualTo(
                "entry_id,nai,kind,date,posted_at,amount,currency,state,invalidated_by,invalidated_at,session_id,"
                + "record_number,record_type,visited_realm,connect_seconds,input_octets,output_octets,input_packets,"
                + "output_packets,tariff,payee,goods\r\n"
                + "fee:s9#1,mn1@home.example,COMMUNICATION_FEE,2026-11-10T10:01:00Z,2026-11-10T10:01:00Z,0.14,EUR,VALID,,,"
                + "s9,1,INTERIM,visited.example,60,100000,50000,100,80,"
                + "\"visited.example@2026-01-01T00:00:00Z: 0.002/s, 0.0001/kilobyte, 0/packet EUR\",,\r\n"
                + "charge:k7,mn1@home.example,TRANSFERRED_CHARGE,2026-11-12T08:00:00Z,2026-11-12T08:00:00Z,2.00,EUR,"
                + "INVALIDATED,ops,2026-11-20T09:00:00Z,,,,,,,,,,,shop.example,\"order 7, \"\"red\"\"\"\r\n"
                + "charge:k8,mn2@home.example,TRANSFERRED_CHARGE,2026-11-13T08:00:00Z,2026-11-13T08:00:00Z,1.00,EUR,"
                + "VALID,,,,,,,,,,,,,shop.example,order 8\r\n");
    }

    @Test
    void theStreamedCsvOfAPeriodHasTheSameLinesAsTheSortedOneAndNothingOfOtherPeriods() throws Exception {
        ledger.recordUsage(report("s9", 1, RecordType.INTERIM, VISITED, "2026-11-10T10:01:00Z", 60, 100_000, 50_000, 100, 80));
        ledger.recordTransferredCharge(NAI, eur("2.00"), "=cmd|' /C calc'!A0", "order 7", Instant.parse("2026-11-12T08:00:00Z"), "k7");
        ledger.recordTransferredCharge("mn2@home.example", eur("1.00"), "shop.example", "order 8", Instant.parse("2026-11-13T08:00:00Z"), "k8");
        ledger.recordTransferredCharge(NAI, eur("9.99"), "shop.example", "order 9", Instant.parse("2026-12-01T00:00:00Z"), "k9");
        StringBuilder streamed = new StringBuilder();

        queries.writePeriodCsv(november, streamed);

        String sorted = queries.periodCsv(november);
        assertThat(streamed.toString()).startsWith(PeriodCsv.header());
        assertThat(streamed.toString().split("\r\n")).containsExactlyInAnyOrder(sorted.split("\r\n"));
        assertThat(streamed.toString()).doesNotContain("order 9").contains(",'=cmd|' /C calc'!A0,");
    }

    @Test
    void attack11_goodsAndPayeeAMobileNodeWroteNeverBecomeASpreadsheetFormula() {
        ledger.recordTransferredCharge(NAI, eur("2.00"), "=HYPERLINK(\"http://x.example\")", "+1 x @SUM(A1:A9)",
                Instant.parse("2026-11-12T08:00:00Z"), "k7");
        ledger.recordTransferredCharge(NAI, eur("1.00"), "shop.example", "-2 x cola", Instant.parse("2026-11-13T08:00:00Z"), "k8");

        String csv = queries.periodCsv(november);

        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://x.example\"\")\",'+1 x @SUM(A1:A9)\r\n");
        assertThat(csv).contains(",shop.example,'-2 x cola\r\n");
        // amounts stay numbers
        assertThat(csv).contains(",2.00,EUR,").contains(",1.00,EUR,");
    }

    @Test
    void aClosedPeriodsStatementStaysAsItWasAndLateEntriesGoToTheNextOne() {
        BillingPeriod october = LedgerFixture.MONTHLY.previous(november);
        ledger.recordTransferredCharge(NAI, eur("1.00"), "shop.example", "order 1", Instant.parse("2026-10-30T08:00:00Z"), "k1");
        PeriodClosings.in(store).close(october, "billing", Instant.parse("2026-11-02T00:00:00Z"));
        String before = StatementJson.render(queries.statement(NAI, october));

        ledger.recordTransferredCharge(NAI, eur("3.00"), "shop.example", "order 2", Instant.parse("2026-10-31T08:00:00Z"), "k2");

        Statement closed = queries.statement(NAI, october);
        assertThat(StatementJson.render(closed)).isEqualTo(before);
        assertThat(closed.closed()).isTrue();
        assertThat(closed.total()).isEqualTo(eur("1.00"));
        Statement next = queries.statement(NAI, november);
        assertThat(next.total()).isEqualTo(eur("3.00"));
        assertThat(StatementText.render(next)).contains("order 2 (posted here: its own period was closed)");
    }
}
