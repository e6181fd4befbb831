package org.mipaaa.presence.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest presence of each terminal of the page, kept in memory. A notification is applied only
 * when its sequence number is above the one shown: the home agent sends one change at a time per NAI,
 * so an equal or lower number is a resend of one already applied (docs/PROTOCOL.md §10.3), dropped.
 * A gap (the home agent's outbox overflowed) is applied: the page shows the latest state.
 *
 * <p>Applying and telling the watchers happen under one lock, and so does subscribing with its
 * snapshot: every watcher sees each terminal's changes once, in order, after its snapshot.
 */
public final class PresenceBoard {

    private static final Logger log = LoggerFactory.getLogger(PresenceBoard.class);

    /** What {@link #apply} did. */
    public enum Outcome { APPLIED, ALREADY_SEEN, UNKNOWN_TERMINAL }

    private final Map<String, Shown> shown = new LinkedHashMap<>();
    private final List<Consumer<Shown>> watchers = new CopyOnWriteArrayList<>();

    public PresenceBoard(List<Terminal> terminals) {
        terminals.forEach(t -> shown.put(t.nai(), Shown.nothingYet(t.nai())));
    }

    public synchronized Outcome apply(Notification n) {
        Shown current = shown.get(n.nai());
        if (current == null) {
            return Outcome.UNKNOWN_TERMINAL;
        }
        if (n.sequence() <= current.sequence()) {
            log.debug("presence page: {} change {} already seen (showing {})", n.nai(), n.sequence(), current.sequence());
            return Outcome.ALREADY_SEEN;
        }
        Shown next = Shown.of(n);
        shown.put(n.nai(), next);
        for (Consumer<Shown> watcher : watchers) {
            watcher.accept(next);
        }
        return Outcome.APPLIED;
    }

    public synchronized Optional<Shown> shown(String nai) {
        return Optional.ofNullable(shown.get(nai));
    }

    /** Every terminal as shown now, in the page's order. */
    public synchronized List<Shown> all() {
        return new ArrayList<>(shown.values());
    }

    /** Gives {@code watcher} every terminal as shown now, then each change from now on. */
    public synchronized void watch(Consumer<Shown> watcher) {
        shown.values().forEach(watcher);
        watchers.add(watcher);
    }

    public void unwatch(Consumer<Shown> watcher) {
        watchers.remove(watcher);
    }
}
