package org.mipaaa.ops;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.mipaaa.aaah.accounting.HomeAccounts;
import org.mipaaa.billing.BillingPeriod;
import org.mipaaa.billing.PeriodClosing;
import org.mipaaa.billing.statement.Statement;
import org.mipaaa.billing.statement.StatementHtml;
import org.mipaaa.billing.statement.StatementJson;
import org.mipaaa.billing.statement.StatementText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Billing from the running AAAH (seed Fig. 4), on its operations endpoint when {@code ops.billing=true}:
 * {@code GET /billing/export.csv?date=yyyy-MM-dd} streams every entry of the billing period containing
 * that day (default: today) as CSV, written as the account database is scanned, so a period of
 * millions of entries never sits in memory; {@code GET /billing/statement?nai=...&date=...&format=text|json|html}
 * is one user's statement. With {@code ops.billing.close=true} also {@code POST /billing/close?date=...&by=...}:
 * closes the billing period containing that day once it has ended (idempotent: the first closing is
 * kept and answered), while the node records; posting and closing exclude each other
 * ({@link org.mipaaa.billing.PeriodClosings#posting}), so no entry lands in the period closed meanwhile.
 */
public final class BillingResource {

    private static final Logger log = LoggerFactory.getLogger(BillingResource.class);
    /** An NAI is at most 253 octets (RFC 7542 §2.2); anything longer is refused before any look-up. */
    private static final int MAX_NAI = 253;

    /** Who closes is recorded with the closing: a name, not a document. */
    private static final int MAX_BY = 100;

    private final boolean closeAllowed;
    private volatile HomeAccounts accounts;

    /** @param closeAllowed whether {@code POST /billing/close} closes periods ({@code ops.billing.close}) */
    public BillingResource(boolean closeAllowed) {
        this.closeAllowed = closeAllowed;
    }

    /** Whether {@code method} on {@code path} is this resource's to answer: the one write, closing, is a POST. */
    boolean accepts(String method, String path) {
        return path.equals("/billing/close") ? method.equals("POST") : method.equals("GET") || method.equals("HEAD");
    }

    /** The AAAH's account database, once its applications are installed. */
    public void installed(HomeAccounts accounts) {
        this.accounts = accounts;
    }

    /** Serves {@code path} when it is a billing resource; false when it is none. */
    boolean handle(String path, Request request, Response response, Callback callback) {
        if (!path.equals("/billing/export.csv") && !path.equals("/billing/statement") && !path.equals("/billing/close")) {
            return false;
        }
        if (path.equals("/billing/close") && !closeAllowed) {
            OpsEndpoint.reply(response, callback, 403, "text/plain; charset=utf-8",
                    "closing billing periods is off on this node (ops.billing.close)\n");
            return true;
        }
        HomeAccounts ledger = accounts;
        if (ledger == null) {
            OpsEndpoint.reply(response, callback, 503, "text/plain; charset=utf-8", "the AAAH's applications are not installed yet\n");
            return true;
        }
        Fields query = Request.extractQueryParameters(request);
        BillingPeriod period;
        try {
            String date = query.getValue("date");
            Instant at = date == null ? Instant.now() : LocalDate.parse(date).atStartOfDay(ledger.calendar().zone()).toInstant();
            period = ledger.calendar().periodOf(at);
        } catch (DateTimeParseException e) {
            OpsEndpoint.reply(response, callback, 400, "text/plain; charset=utf-8", "date: yyyy-MM-dd\n");
            return true;
        }
        if (path.equals("/billing/statement")) {
            statement(ledger, period, query, response, callback);
        } else if (path.equals("/billing/close")) {
            close(ledger, period, query, response, callback);
        } else {
            export(ledger, period, response, callback);
        }
        return true;
    }

    private static void statement(HomeAccounts ledger, BillingPeriod period, Fields query, Response response, Callback callback) {
        String nai = query.getValue("nai");
        String format = query.getValue("format") == null ? "text" : query.getValue("format");
        if (nai == null || nai.isBlank() || nai.length() > MAX_NAI || !format.matches("text|json|html")) {
            OpsEndpoint.reply(response, callback, 400, "text/plain; charset=utf-8",
                    "GET /billing/statement?nai=<NAI>&date=yyyy-MM-dd&format=text|json|html\n");
            return;
        }
        Statement s = ledger.queries().statement(nai, period);
        switch (format) {
            case "json" -> OpsEndpoint.reply(response, callback, 200, "application/json", StatementJson.render(s));
            case "html" -> OpsEndpoint.reply(response, callback, 200, "text/html; charset=utf-8", StatementHtml.render(s));
            default -> OpsEndpoint.reply(response, callback, 200, "text/plain; charset=utf-8", StatementText.render(s));
        }
    }

    private static void close(HomeAccounts ledger, BillingPeriod period, Fields query, Response response, Callback callback) {
        String by = query.getValue("by");
        if (by == null || by.isBlank() || by.length() > MAX_BY || by.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            OpsEndpoint.reply(response, callback, 400, "text/plain; charset=utf-8",
                    "POST /billing/close?date=yyyy-MM-dd&by=<who closes, at most " + MAX_BY + " characters>\n");
            return;
        }
        PeriodClosing closing;
        try {
            closing = ledger.closings().close(period, by.strip(), Instant.now());
        } catch (IllegalStateException e) {
            OpsEndpoint.reply(response, callback, 409, "text/plain; charset=utf-8", e.getMessage() + "\n");
            return;
        }
        log.info("billing period {} closed by {} at {} (asked over the operations endpoint)", period.label(), closing.by(), closing.at());
        OpsEndpoint.reply(response, callback, 200, "text/plain; charset=utf-8", closing + "\n");
    }

    private static void export(HomeAccounts ledger, BillingPeriod period, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/csv; charset=utf-8; header=present");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Disposition", "attachment; filename=\"entries-" + period.start().toString().substring(0, 10)
                + ".csv\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Content.Sink.asOutputStream(response), StandardCharsets.UTF_8),
                64 * 1024)) {
            ledger.queries().writePeriodCsv(period, out);
        } catch (Exception e) {
            // the status has gone out with the first bytes: the client sees a cut-off body, and the log says why
            log.error("billing export of {} failed", period, e);
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }
}
