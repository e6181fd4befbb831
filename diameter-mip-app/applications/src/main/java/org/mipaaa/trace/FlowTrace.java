package org.mipaaa.trace;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans trace events out to the sinks registered on it. One instance is shared by the nodes of one
 * process (the demo, a test topology), so their events interleave in the order they happened.
 */
public final class FlowTrace implements TraceSink {

    private static final Logger log = LoggerFactory.getLogger(FlowTrace.class);

    private final List<TraceSink> sinks = new CopyOnWriteArrayList<>();

    public FlowTrace add(TraceSink sink) {
        sinks.add(sink);
        return this;
    }

    public void remove(TraceSink sink) {
        sinks.remove(sink);
    }

    @Override
    public void accept(TraceEvent event) {
        received(null, event);
    }

    @Override
    public void received(org.jdiameter.api.Message message, TraceEvent event) {
        for (TraceSink sink : sinks) {
            try {
                if (message == null) {
                    sink.accept(event);
                } else {
                    sink.received(message, event);
                }
            } catch (RuntimeException e) {
                // a broken sink must never break message processing on a network thread
                log.warn("trace sink {} failed on {}: {}", sink, event.command(), e.toString());
            }
        }
    }
}
