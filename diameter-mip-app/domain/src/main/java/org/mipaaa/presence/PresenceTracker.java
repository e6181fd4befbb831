package org.mipaaa.presence;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

import org.mipaaa.mobileip.BusySignal;
import org.mipaaa.mobileip.RegistrationPacket;
import org.mipaaa.registration.BindingEndListener;
import org.mipaaa.registration.BindingUpdateListener;
import org.mipaaa.registration.MobilityBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent's presence of its mobile nodes, from its binding events (seed Fig. 20):
 *
 * <table>
 * <caption>transitions</caption>
 * <tr><th>event</th><th>state</th></tr>
 * <tr><td>binding created (first registration through the AAA, S2003 NO)</td><td>VISITING, care-of address</td></tr>
 * <tr><td>binding renewed (S2002 NO)</td><td>VISITING (a change only if the care-of address moved)</td></tr>
 * <tr><td>deregistered back home (RETURNED_HOME, S2003 YES)</td><td>AT_HOME</td></tr>
 * <tr><td>deregistered elsewhere (Lifetime 0)</td><td>DEREGISTERED</td></tr>
 * <tr><td>lifetime passed, no renewal (EXPIRED, S2002 YES, S2010)</td><td>OUT_OF_ZONE</td></tr>
 * <tr><td>binding aborted by the AAAH (ASR)</td><td>OUT_OF_ZONE: nothing reaches the node through this home agent</td></tr>
 * <tr><td>busy extension on a registration ({@link BusySignal}), or {@link #setBusy}</td><td>busy flag</td></tr>
 * </table>
 *
 * <p>Why the home agent, and the home agent alone: it sees every registration (the first one in the
 * AAAH's HAR, the renewals and deregistrations directly) and it is the one that sweeps expired
 * bindings from its persistent table ({@code BindingExpiry}), so "out of zone" survives its restart
 * with no timer of presence's own; one node also keeps one sequence number per NAI, which two
 * notifying nodes could not. Each change is stored with its notification ({@link PresenceBook}) before
 * {@code changed} is told.
 */
public final class PresenceTracker implements BindingUpdateListener, BindingEndListener {

    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

    private final PresenceBook book;
    private final PresenceSubscriptions subscriptions;
    private final long vendorId;
    private final Clock clock;
    private final Consumer<Presence> changed;

    /**
     * @param vendorId the carrier's enterprise number, the Vendor-Id of the busy extension
     * @param changed  told of each stored change (the notifier sends it)
     */
    public PresenceTracker(PresenceBook book, PresenceSubscriptions subscriptions, long vendorId, Clock clock,
                           Consumer<Presence> changed) {
        this.book = book;
        this.subscriptions = subscriptions;
        this.vendorId = vendorId;
        this.clock = clock;
        this.changed = changed;
    }

    @Override
    public void updated(MobilityBinding binding, RegistrationPacket registration, Update update) {
        Optional<Boolean> busy = BusySignal.in(registration, vendorId);
        change(binding.nai(), current -> new PresenceBook.Look(PresenceState.VISITING, Optional.of(binding.careOfAddress()),
                Optional.empty(), busy.orElse(current.map(Presence::busy).orElse(false))), update.name());
    }

    @Override
    public void ended(MobilityBinding binding, Reason reason) {
        PresenceState state = switch (reason) {
            case RETURNED_HOME -> PresenceState.AT_HOME;
            case DEREGISTERED -> PresenceState.DEREGISTERED;
            case EXPIRED, ABORTED -> PresenceState.OUT_OF_ZONE;
        };
        change(binding.nai(), current -> new PresenceBook.Look(state, Optional.empty(), Optional.empty(),
                current.map(Presence::busy).orElse(false)), reason.name());
    }

    /**
     * The node says it is {@code busy} (or no longer) other than on a registration; false for a node
     * this home agent has no presence of.
     */
    public boolean setBusy(String nai, boolean busy) {
        if (book.current(nai).isEmpty()) {
            return false;
        }
        change(nai, current -> {
            Presence p = current.orElseThrow();
            return new PresenceBook.Look(p.state(), p.careOfAddress(), p.visitedRealm(), busy);
        }, busy ? "busy" : "not busy");
        return true;
    }

    /** The node's presence now. */
    public Optional<Presence> presenceOf(String nai) {
        return book.current(nai);
    }

    private void change(String nai, java.util.function.Function<Optional<Presence>, PresenceBook.Look> look, String cause) {
        boolean notify = subscriptions.serverOf(nai).isPresent();
        Optional<Presence> next = book.change(nai, look, clock.instant(), notify);
        if (next.isPresent()) {
            Presence p = next.get();
            log.info("presence of {}: {}{}{} #{} ({})", nai, p.state(), p.careOfAddress().map(a -> " at " + a.getHostAddress()).orElse(""),
                    p.busy() ? ", busy" : "", p.sequence(), cause);
            if (notify) {
                changed.accept(p);
            }
        }
    }
}
