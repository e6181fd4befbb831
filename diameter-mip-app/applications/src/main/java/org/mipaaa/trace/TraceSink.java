package org.mipaaa.trace;

/** Where trace events go: the console, a JSON-lines file, a test's collector. */
@FunctionalInterface
public interface TraceSink {

    /** Traces nothing. */
    TraceSink NONE = event -> { };

    void accept(TraceEvent event);

    /**
     * {@code event} and the message it was made of, as the node decoded it: for a sink that checks the
     * messages themselves (a test's command-format check). Most sinks want the event alone.
     */
    default void received(org.jdiameter.api.Message message, TraceEvent event) {
        accept(event);
    }
}
