package org.mipaaa.conformance;

import org.mipaaa.diameter.ErrorAnswers;

/**
 * What {@link ConformingPeerTable} needs from the stack's configuration object (jDiameter hands every
 * extension the {@code Configuration} the stack was initialised with).
 */
public interface ConformanceConfiguration {

    /** The peers each realm of the configuration routes to, for {@link ConformingPeer} to keep jDiameter to them. */
    RealmPeers realmPeers();

    /** How {@link ConformingPeer} answers the requests jDiameter refuses itself; null until bound. */
    ErrorAnswers errorAnswers();
}
