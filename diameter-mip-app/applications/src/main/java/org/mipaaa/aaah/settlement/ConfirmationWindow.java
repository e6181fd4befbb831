package org.mipaaa.aaah.settlement;

import java.time.Duration;
import java.util.Objects;

/**
 * How the AAAH waits for a user's confirmation (docs/PROTOCOL.md §4.2-§4.3). A person takes tens of
 * seconds; no DIAMETER transaction of the mobile node's should stay open that long, because the agents on
 * its way (the AAAF, relays) give up on it after a few seconds.
 *
 * @param inlineWait how long a SER (or a SER asking for a settlement's outcome) waits for the user's
 *                   decision before it is answered CONFIRMATION_PENDING; with the payee side's timeout
 *                   below what the AAAF waits for the AAAH ({@code services.confirmation.inline.ms})
 * @param window     how long the user has to answer the UCR: the UCR's own timeout
 *                   ({@code services.confirmation.timeout.ms})
 * @param maxOpen    how many settlements may be carried on at once (deciding, or being told to the
 *                   payee side); more new SERs are answered 3004 ({@code services.confirmation.open.max})
 */
public record ConfirmationWindow(Duration inlineWait, Duration window, int maxOpen) {

    public ConfirmationWindow {
        Objects.requireNonNull(inlineWait, "inlineWait");
        Objects.requireNonNull(window, "window");
        if (inlineWait.isNegative() || window.compareTo(inlineWait) < 0) {
            throw new IllegalArgumentException("the confirmation window " + window + " must not be shorter than the inline wait " + inlineWait);
        }
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be positive: " + maxOpen);
        }
    }

    /** Beyond a node's own waits, before a settlement no node carries on any more is taken for abandoned. */
    static final Duration ORPHAN_MARGIN = Duration.ofSeconds(30);

    /**
     * How long after its opening a settlement still awaiting its user's confirmation may be waited for
     * by some node (in a cluster of AAAHs, maybe another member than the one asked): past it, none is.
     */
    public Duration awaitedFor() {
        return window.plus(ORPHAN_MARGIN);
    }
}
