package org.mipaaa.registration;

import org.infinispan.Cache;
import org.mipaaa.state.StateStore;

/**
 * The home agent's memory of HAR sessions the AAAH aborted (ASR, {@code AsrHandler}). The AAAH aborts
 * an HAR it stopped waiting for; that HAR may still be on its way or being handled, so the abort is
 * remembered (for a few minutes, config/infinispan.xml) and {@code HarHandler} binds nothing for it.
 */
public final class AbortedSessions {

    private final Cache<String, String> aborted;

    private AbortedSessions(Cache<String, String> aborted) {
        this.aborted = aborted;
    }

    public static AbortedSessions in(StateStore store) {
        return new AbortedSessions(store.cache(RegistrationCaches.ABORTED_SESSIONS));
    }

    public void abort(String sessionId) {
        aborted.put(sessionId, "");
    }

    public boolean isAborted(String sessionId) {
        return aborted.containsKey(sessionId);
    }
}
