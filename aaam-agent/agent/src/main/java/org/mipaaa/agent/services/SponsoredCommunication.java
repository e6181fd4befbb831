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
 *
 * <p>Immutable, so thread-safe.
 */
public final class SponsoredCommunication {

    private final String sponsorId;
    private final String advertisementId;
    private final int sharePercent;
    private final Optional<Amount> ceiling;
    private final String commitmentId;

    public SponsoredCommunication(String sponsorId, String advertisementId, int sharePercent, Optional<Amount> ceiling, String commitmentId) {
        Objects.requireNonNull(sponsorId, "sponsorId");
        Objects.requireNonNull(advertisementId, "advertisementId");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(commitmentId, "commitmentId");
        if (sharePercent < 0 || sharePercent > 100) {
            throw new IllegalArgumentException("share " + sharePercent + " is not 0..100");
        }
        this.sponsorId = sponsorId;
        this.advertisementId = advertisementId;
        this.sharePercent = sharePercent;
        this.ceiling = ceiling;
        this.commitmentId = commitmentId;
    }


    public String sponsorId() {
        return sponsorId;
    }

    public String advertisementId() {
        return advertisementId;
    }

    public int sharePercent() {
        return sharePercent;
    }

    public Optional<Amount> ceiling() {
        return ceiling;
    }

    public String commitmentId() {
        return commitmentId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SponsoredCommunication)) {
            return false;
        }
        SponsoredCommunication other = (SponsoredCommunication) o;
        return java.util.Objects.equals(sponsorId, other.sponsorId)
                && java.util.Objects.equals(advertisementId, other.advertisementId)
                && sharePercent == other.sharePercent
                && java.util.Objects.equals(ceiling, other.ceiling)
                && java.util.Objects.equals(commitmentId, other.commitmentId);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sponsorId, advertisementId, sharePercent, ceiling, commitmentId);
    }

    @Override
    public String toString() {
        return "SponsoredCommunication[" + "sponsorId=" + sponsorId + ", " + "advertisementId=" + advertisementId + ", " + "sharePercent=" + sharePercent + ", " + "ceiling=" + ceiling + ", " + "commitmentId=" + commitmentId + "]";
    }
}
