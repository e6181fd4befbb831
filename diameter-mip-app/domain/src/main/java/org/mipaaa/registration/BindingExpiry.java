package org.mipaaa.registration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mipaaa.state.AgentTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent's sweep of bindings whose lifetime passed without a renewal (RFC 5944 §3.8.1: the
 * mobility binding is deleted at the end of its lifetime; seed Fig. 20 S2010 "out of zone"). Each
 * expired binding is removed only if it is still the one that expired (a renewal racing the sweep
 * wins), and listeners are told: {@link SessionTermination} ends the AAA session, presence will show the
 * node out of zone.
 */
public final class BindingExpiry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BindingExpiry.class);

    private final BindingTable bindings;
    private final Clock clock;
    private final List<BindingEndListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;

    public BindingExpiry(BindingTable bindings, Clock clock, Duration period, String nodeName) {
        this.bindings = bindings;
        this.clock = clock;
        this.timer = AgentTimers.start(nodeName + "-binding-expiry");
        timer.scheduleWithFixedDelay(this::sweep, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void addListener(BindingEndListener listener) {
        listeners.add(listener);
    }

    /** Removes the bindings past their lifetime now; returns how many. Public for tests of its listeners. */
    public int sweep() {
        int removed = 0;
        try {
            for (MobilityBinding binding : bindings.expired(clock.instant())) {
                if (bindings.remove(binding)) {
                    removed++;
                    log.debug("binding of {} at {} expired", binding.nai(), binding.homeAddress().getHostAddress());
                    BindingEndListener.tellAll(listeners, binding, BindingEndListener.Reason.EXPIRED);
                }
            }
        } catch (RuntimeException e) {
            // the timer must survive a bad sweep: the next one tries again
            log.warn("binding expiry sweep failed: {}", e.toString());
        }
        return removed;
    }

    @Override
    public void close() {
        AgentTimers.stop(timer);
    }
}
