package org.mipaaa.trace;

import java.io.PrintStream;

/** Prints each event as a readable line (the demo's console output). */
public final class PrintTraceSink implements TraceSink {

    private final PrintStream out;

    public PrintTraceSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(TraceEvent event) {
        out.println(TraceFormat.line(event));
    }
}
