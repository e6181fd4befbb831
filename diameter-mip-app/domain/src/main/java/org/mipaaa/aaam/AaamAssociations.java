package org.mipaaa.aaam;

import java.util.Optional;

import org.mipaaa.agent.auth.AaamSecurityAssociation;
import org.mipaaa.registration.SubscriberDirectory;

/**
 * The AAAH's AAAM security associations, from its subscribers (docs/PROTOCOL.md §3.1): the AAAM-SPI
 * provisioned with each subscriber selects it, and its key is derived from the subscriber's MN-AAA key
 * by {@link AaamSecurityAssociation#fromMnAaaKey}, the same code the mobile node's agent runs.
 */
public final class AaamAssociations {

    private final SubscriberDirectory subscribers;

    public AaamAssociations(SubscriberDirectory subscribers) {
        this.subscribers = subscribers;
    }

    /** The association of {@code spi}; empty for an SPI no subscriber has. */
    public Optional<AaamSecurityAssociation> find(long spi) {
        return subscribers.findByAaamSpi(spi)
                .map(s -> AaamSecurityAssociation.fromMnAaaKey(s.nai(), spi, s.mnAaa().key()));
    }
}
