package org.mipaaa.registration;

import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's record of the realm each registered mobile node visits: the realm of the foreign
 * network its last accepted registration came from (MIP-Originating-Foreign-AAA's Origin-Realm, else
 * the AMR's Origin-Realm, the foreign agent's). Why: the AAAH's own requests to the node's agent (the
 * UCR) must be addressed to a realm that leads to it; the realm of the peer a request came from does
 * not when another vendor's relay is that peer (it names the relay's own realm). In memory only: after
 * a restart the node's next registration records it again, and until then the peer's realm is used.
 */
public final class VisitedRealms {

    private final Cache<String, String> realms;

    private VisitedRealms(Cache<String, String> realms) {
        this.realms = realms;
    }

    public static VisitedRealms in(StateStore store) {
        return new VisitedRealms(store.cache(RegistrationCaches.VISITED_REALMS));
    }

    /** {@code nai}'s registration through the foreign network of {@code realm} was accepted. */
    public void visiting(String nai, String realm) {
        realms.put(nai, realm);
    }

    /** {@code nai} no longer visits anywhere (its registration ended). */
    public void left(String nai) {
        realms.remove(nai);
    }

    /** The realm {@code nai} visits, if the AAAH knows one. */
    public Optional<String> of(String nai) {
        return Optional.ofNullable(realms.get(nai));
    }
}
