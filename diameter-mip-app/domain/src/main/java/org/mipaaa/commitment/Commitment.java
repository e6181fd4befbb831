package org.mipaaa.commitment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A sponsor's or credit company's commitment the AAAH holds for a mobile node's next communication.
 *
 * @param requestKey    the SCMR/CCMR it answers (NAI, Session-Id, End-to-End Identifier)
 * @param payer         Sponsor-Id or Credit-Company-Id
 * @param advertisement the Advertisement-Id (sponsored), empty for credit
 * @param sharePercent  the share of the fee the payer takes: the sponsor's, 100 for a credit company
 * @param limit         the ceiling / credit limit, as the payer gave it (CC-Money), when it gave one
 * @param settlementId  the payer's id for its commitment
 * @param committedAt   when the AAAH stored it: only communication fees dated from then on are "next"
 */
public record Commitment(CommitmentKind kind, String requestKey, String nai, String payer, String advertisement,
                         int sharePercent, Optional<BigDecimal> limit, int currencyCode, String settlementId, Instant committedAt) {

    public Commitment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(nai, "nai");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(advertisement, "advertisement");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(settlementId, "settlementId");
        Objects.requireNonNull(committedAt, "committedAt");
        if (sharePercent < 0 || sharePercent > 100) {
            throw new IllegalArgumentException("share " + sharePercent + " is not 0..100");
        }
    }

    /** One line: each field Base64 (so no field can break the line's structure), comma-separated. */
    public String encode() {
        return String.join(",", b64(kind.name()), b64(requestKey), b64(nai), b64(payer), b64(advertisement),
                b64(Integer.toString(sharePercent)), b64(limit.map(BigDecimal::toPlainString).orElse("")),
                b64(Integer.toString(currencyCode)), b64(settlementId), b64(committedAt.toString()));
    }

    public static Commitment decode(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 10) {
            throw new IllegalArgumentException("not a commitment: " + f.length + " fields");
        }
        String limit = text(f[6]);
        return new Commitment(CommitmentKind.valueOf(text(f[0])), text(f[1]), text(f[2]), text(f[3]), text(f[4]),
                Integer.parseInt(text(f[5])), limit.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(limit)),
                Integer.parseInt(text(f[7])), text(f[8]), Instant.parse(text(f[9])));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
