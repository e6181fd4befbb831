package org.mipaaa.registration;

import org.mipaaa.mobileip.RegistrationPacket;

/**
 * Told when the home agent makes a mobility binding (a first registration through the AAA,
 * {@code HarHandler}) or renews one (a renewal straight to it, {@code HomeAgentRenewals}), after the
 * binding is stored. With the accepted Registration Request, so a listener can read extensions
 * meant for it (presence reads the mobile node's busy flag there). Its counterpart for the end of a
 * binding is {@link BindingEndListener}.
 */
@FunctionalInterface
public interface BindingUpdateListener {

    enum Update { CREATED, RENEWED }

    void updated(MobilityBinding binding, RegistrationPacket registration, Update update);

    /** Tells each of {@code listeners}; one that fails does not keep the others from hearing, nor the reply from going. */
    static void tellAll(Iterable<BindingUpdateListener> listeners, MobilityBinding binding, RegistrationPacket registration,
                        Update update) {
        for (BindingUpdateListener listener : listeners) {
            try {
                listener.updated(binding, registration, update);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BindingUpdateListener.class)
                        .warn("a listener failed on the {} binding of {}: {}", update, binding.nai(), e.toString());
            }
        }
    }
}
