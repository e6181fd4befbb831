package org.mipaaa.ledger;

import java.time.Instant;
import java.util.Objects;

/** Whether an account entry counts: valid, or invalidated (by whom, when), which then counts for nothing. */
public sealed interface EntryState {

    Valid VALID = new Valid();

    default boolean isValid() {
        return this instanceof Valid;
    }

    record Valid() implements EntryState {
    }

    record Invalidated(String by, Instant at) implements EntryState {

        public Invalidated {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }
}
