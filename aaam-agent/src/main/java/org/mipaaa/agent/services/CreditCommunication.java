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
 */
public record CreditCommunication(String creditCompanyId, String commitmentId, Optional<Amount> limit) {

    public CreditCommunication {
        Objects.requireNonNull(creditCompanyId, "creditCompanyId");
        Objects.requireNonNull(commitmentId, "commitmentId");
        Objects.requireNonNull(limit, "limit");
    }
}
