package org.mipaaa.agent.services;

import java.util.Objects;
import java.util.Optional;

/**
 * A credit company's commitment to settle this node's next communication on its behalf
 * (docs/PROTOCOL.md §4.8).
 *
 * @param creditCompanyId the credit company, "company@realm"
 * @param commitmentId    the Settlement-Id of the credit company's commitment
 * @param limit           the most the credit company settles, when it granted a limit
 *
 * <p>Immutable, so thread-safe.
 */
public final class CreditCommunication {

    private final String creditCompanyId;
    private final String commitmentId;
    private final Optional<Amount> limit;

    public CreditCommunication(String creditCompanyId, String commitmentId, Optional<Amount> limit) {
        Objects.requireNonNull(creditCompanyId, "creditCompanyId");
        Objects.requireNonNull(commitmentId, "commitmentId");
        Objects.requireNonNull(limit, "limit");
        this.creditCompanyId = creditCompanyId;
        this.commitmentId = commitmentId;
        this.limit = limit;
    }


    public String creditCompanyId() {
        return creditCompanyId;
    }

    public String commitmentId() {
        return commitmentId;
    }

    public Optional<Amount> limit() {
        return limit;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CreditCommunication)) {
            return false;
        }
        CreditCommunication other = (CreditCommunication) o;
        return java.util.Objects.equals(creditCompanyId, other.creditCompanyId)
                && java.util.Objects.equals(commitmentId, other.commitmentId)
                && java.util.Objects.equals(limit, other.limit);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(creditCompanyId, commitmentId, limit);
    }

    @Override
    public String toString() {
        return "CreditCommunication[" + "creditCompanyId=" + creditCompanyId + ", " + "commitmentId=" + commitmentId + ", " + "limit=" + limit + "]";
    }
}
