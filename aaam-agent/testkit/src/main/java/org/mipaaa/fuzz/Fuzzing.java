package org.mipaaa.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

/**
 * What every fuzz target of this project checks besides its own properties (docs/FUZZING.md), in test
 * scope so a module's fuzz targets can copy the pattern: a parser of untrusted octets may refuse its
 * input only with its own typed exception ({@link #parse}); anything else it throws (an index error, a
 * NullPointerException, an OutOfMemoryError) escapes the target and is a finding. Time and memory are
 * bounded by Jazzer itself (-timeout, the fork's -Xmx); what a parse result shows ({@link #boundedText})
 * must stay in proportion to the input.
 */
public final class Fuzzing {

    private Fuzzing() {
    }

    /** A parser of untrusted octets: returns its result or throws its typed exception {@code E}. */
    @FunctionalInterface
    public interface Parser<T, E extends Exception> {
        T parse() throws E;
    }

    /**
     * The result of {@code parser}, or empty when it refused the input with {@code typed} (the only
     * refusal allowed). Any other exception propagates: Jazzer records the input as a finding.
     */
    public static <T, E extends Exception> Optional<T> parse(Class<E> typed, Parser<T, E> parser) throws Exception {
        try {
            T result = parser.parse();
            assertThat(result).as("a parser returns a result or throws, never null").isNotNull();
            return Optional.of(result);
        } catch (Exception e) {
            if (typed.isInstance(e)) {
                assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code value.toString()}, checked to be at most {@code factor} characters per input octet (plus a
     * constant): what a parse result shows in a log or to a user must not blow up out of proportion to
     * what a peer sent.
     */
    public static String boundedText(Object value, int inputLength, int factor) {
        String text = String.valueOf(value);
        assertThat(text.length()).as("text of a %d-octet input", inputLength).isLessThanOrEqualTo(1024 + factor * inputLength);
        return text;
    }
}
