package org.mipaaa.registration;


/**
 * Told when the home agent ends a mobility binding: the mobile node deregistered (Lifetime 0, RFC 5944
 * §3.8.2.2), came back to its home network (deregistered there with its home address as care-of
 * address, §2.4.3) or let the binding expire (§3.8.1); or the AAAH aborted it ({@code AsrHandler}). The home agent then ends the AAA session ({@code SessionTermination},
 * RFC 4004 §4.1.3); presence will show the node out of zone.
 */
@FunctionalInterface
public interface BindingEndListener {

    /** Why a binding ended. */
    enum Reason {
        DEREGISTERED, RETURNED_HOME, EXPIRED,
        /** The AAAH aborted the registration's session (ASR): it gave up waiting for the HAA. */
        ABORTED
    }

    void ended(MobilityBinding binding, Reason reason);

    /** Tells each of {@code listeners}; one that fails does not keep the others from hearing. */
    static void tellAll(Iterable<BindingEndListener> listeners, MobilityBinding binding, Reason reason) {
        for (BindingEndListener listener : listeners) {
            try {
                listener.ended(binding, reason);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BindingEndListener.class)
                        .warn("a listener failed on the end of {}'s binding: {}", binding.nai(), e.toString());
            }
        }
    }
}
