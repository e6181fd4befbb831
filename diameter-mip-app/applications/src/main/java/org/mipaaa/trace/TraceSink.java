package org.mipaaa.trace;

/** Where trace events go: the console, a JSON-lines file, a test's collector. */
@FunctionalInterface
public interface TraceSink {

    /** Traces nothing. */
    TraceSink NONE = event -> { };

    void accept(TraceEvent event);
}
