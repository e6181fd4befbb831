package org.mipaaa.demo;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.mipaaa.trace.TraceEvent;
import org.mipaaa.trace.TraceSink;

/** Remembers the peer links on which a watchdog exchange (DWR answered by DWA) was seen. */
final class LinkWatch implements TraceSink {

    private final Set<Set<String>> watched = ConcurrentHashMap.newKeySet();
    private final String watchdogAnswer;

    LinkWatch(String watchdogAnswerName) {
        this.watchdogAnswer = watchdogAnswerName;
    }

    @Override
    public void accept(TraceEvent event) {
        if (!event.request() && watchdogAnswer.equals(event.command())) {
            watched.add(Set.of(event.from(), event.to()));
        }
    }

    boolean seen(String a, String b) {
        return watched.contains(Set.of(a, b));
    }
}
