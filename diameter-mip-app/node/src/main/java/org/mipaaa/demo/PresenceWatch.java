package org.mipaaa.demo;

import java.io.PrintStream;
import java.time.Duration;

import org.mipaaa.presence.icons.PresenceLook;
import org.mipaaa.presence.web.PresencePage;
import org.mipaaa.presence.web.Shown;

/**
 * What the demo's presence page shows of a mobile node after each step of the registration scene: the
 * HA notifies the page asynchronously, so each check waits (a few seconds at most) for the expected look.
 */
final class PresenceWatch {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final PresencePage page;
    private final PrintStream out;

    PresenceWatch(PresencePage page, PrintStream out) {
        this.page = page;
        this.out = out;
    }

    /** True when the page shows {@code nai} as {@code expected} within a few seconds; prints what it shows. */
    boolean shows(String nai, PresenceLook expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Shown shown = page.board().shown(nai).orElseThrow(() -> new IllegalArgumentException(nai + " is not on the page"));
        while (shown.look() != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            shown = page.board().shown(nai).orElseThrow();
        }
        boolean ok = shown.look() == expected;
        out.printf("   presence page %s: %s is '%s' (change #%d)  [%s]%n", page.url(), nai, shown.text(), shown.sequence(),
                ok ? "ok" : "UNEXPECTED, expected '" + expected.label() + "'");
        return ok;
    }
}
