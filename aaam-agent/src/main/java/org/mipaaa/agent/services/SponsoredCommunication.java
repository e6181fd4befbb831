package org.mipaaa.agent.services;

import java.util.Objects;
import java.util.Optional;

/**
 * A sponsor's commitment to pay part or all of this node's next communication (docs/PROTOCOL.md §4.7).
 *
 * @param sponsorId       the sponsor, "sponsor@realm"
 * @param advertisementId the advertisement viewed
 * @param sharePercent    the percentage (0..100) of the next communication fee the sponsor pays
 * @param ceiling         the most the sponsor pays, when it set a ceiling
 * @param commitmentId    the Settlement-Id of the sponsor's commitment
 */
public record SponsoredCommunication(String sponsorId, String advertisementId, int sharePercent, Optional<Amount> ceiling,
                                     String commitmentId) {

    public SponsoredCommunication {
        Objects.requireNonNull(sponsorId, "sponsorId");
        Objects.requireNonNull(advertisementId, "advertisementId");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(commitmentId, "commitmentId");
        if (sharePercent < 0 || sharePercent > 100) {
            throw new IllegalArgumentException("share " + sharePercent + " is not 0..100");
        }
    }
}
