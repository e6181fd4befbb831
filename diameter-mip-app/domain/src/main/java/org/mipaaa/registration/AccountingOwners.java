package org.mipaaa.registration;

import java.util.Optional;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The AAAH's index of whose each Acct-Multi-Session-Id is: the value the home agent gave a node's
 * binding in its HAA (RFC 4004 §4.1.2), recorded when the AAAH accepts the registration.
 *
 * <p>Why: an ACR need not name its user (User-Name is optional in its CCF, RFC 6733 §9.7.1), but RFC
 * 4004 §11.2 requires the Acct-Multi-Session-Id in it, so another vendor's AAAF that leaves User-Name
 * out is still charged to the right account. Written only from the HAA of the AAAH's own home agent,
 * so no peer can make an id name another user. Entries outlive the binding (a STOP record comes after
 * it ends; an AAAF's outbox may deliver days later): persistent, expiring as {@code config/infinispan.xml}
 * says after the last registration that named them.
 */
public final class AccountingOwners {

    private final Cache<String, String> owners;

    private AccountingOwners(Cache<String, String> owners) {
        this.owners = owners;
    }

    public static AccountingOwners in(StateStore store) {
        return new AccountingOwners(store.cache(RegistrationCaches.ACCOUNTING_OWNERS));
    }

    /** The home agent accepted a registration of {@code nai} under {@code acctMultiSessionId}. */
    public void owns(String acctMultiSessionId, String nai) {
        owners.put(acctMultiSessionId, nai);
    }

    /** Whose accounting {@code acctMultiSessionId} is, if a registration accepted here named it. */
    public Optional<String> owner(String acctMultiSessionId) {
        return Optional.ofNullable(owners.get(acctMultiSessionId));
    }
}
