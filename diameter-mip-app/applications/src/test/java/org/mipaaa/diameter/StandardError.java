package org.mipaaa.diameter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What a piece of code prints on standard error: jDiameter prints the stack traces it catches there
 * (ElementParser.encodeAvpSet), bypassing the logs. Tests of one class run one at a time in their JVM.
 */
final class StandardError {

    private StandardError() {
    }

    record Printed<T>(T result, String text) {
    }

    static <T> Printed<T> during(Supplier<T> code) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            T result = code.get();
            return new Printed<>(result, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
