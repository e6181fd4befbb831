package org.mipaaa.ledger;

import java.util.Objects;
import java.util.Optional;

/**
 * What recording did: the entry made for this record (empty for a START or a zero delta), and whether
 * the record was seen before.
 */
public record Recorded(Optional<AccountEntry> entry, boolean duplicate) {

    public Recorded {
        Objects.requireNonNull(entry, "entry");
    }
}
