package org.mipaaa.ha;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jdiameter.api.Request;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.diameter.RequestHandler;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.registration.AbortedSessions;
import org.mipaaa.registration.BindingEndListener;
import org.mipaaa.registration.BindingTable;
import org.mipaaa.registration.MobilityBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home agent's Abort-Session-Request (RFC 6733 §8.5; RFC 4004 §4.1.3: "the AAAH SHOULD send its
 * [ASR] to the Home Agent"). The AAAH sends one for an HAR whose answer it stopped waiting for: it has
 * told the mobile node 4006 and will give the home address to another node, so whatever that HAR
 * bound, or will bind, must go.
 *
 * <ol>
 * <li><b>decode</b>: the Session-Id (the HAR's).</li>
 * <li><b>validate</b>: only the home realm's AAAH ({@code registration.home.aaa.host}) may abort;
 *     anyone else gets 5012 DIAMETER_UNABLE_TO_COMPLY and nothing changes (RFC 6733 §8.5: "an access
 *     device may honor ASRs from certain agents only").</li>
 * <li><b>act</b>: the session is remembered as aborted ({@link AbortedSessions}), so an HAR still on
 *     its way binds nothing; the binding the HAR made, if any, is removed (compare-and-set) and the
 *     listeners told ({@link BindingEndListener.Reason#ABORTED}).</li>
 * <li><b>answer</b>: ASA 2001 when a binding was removed, 5002 DIAMETER_UNKNOWN_SESSION_ID when none was
 *     active (RFC 6733 §8.5.2).</li>
 * </ol>
 */
public final class AsrHandler implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(AsrHandler.class);

    private final BindingTable bindings;
    private final AbortedSessions aborted;
    private final Set<String> homeAaaHosts;
    private final List<BindingEndListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param homeAaaHosts the AAAHs allowed to abort (the members of a cluster of AAAHs), lower case; none
     *                     lets any peer (the node's peer table already admits only configured peers)
     */
    public AsrHandler(BindingTable bindings, AbortedSessions aborted, Set<String> homeAaaHosts) {
        this.bindings = bindings;
        this.aborted = aborted;
        this.homeAaaHosts = Set.copyOf(homeAaaHosts);
    }

    /**
     * {@code listener} is told of each binding an ASR removes; {@link SessionTermination} is one: the
     * session the ASR stopped ends with an STR (RFC 6733 §8.4).
     */
    public void addListener(BindingEndListener listener) {
        listeners.add(listener);
    }

    @Override
    public CompletionStage<Outcome> handle(Request request) {
        return abort(request).now();
    }

    private Outcome abort(Request request) {
        String session = request.getSessionId();
        String origin = originHost(request);
        if (!homeAaaHosts.isEmpty() && (origin == null || !homeAaaHosts.contains(origin.toLowerCase(Locale.ROOT)))) {
            log.info("ASR {} from {}: not the home AAA server, nothing aborted", session, origin);
            return Outcome.refusal(ResultCodes.UNABLE_TO_COMPLY, "only " + String.join(", ", new TreeSet<>(homeAaaHosts))
                    + " abort registrations here");
        }
        aborted.abort(session);
        Optional<MobilityBinding> binding = bindings.withSession(session);
        if (binding.isEmpty() || !bindings.remove(binding.get())) {
            log.info("ASR {}: no binding of that session (its HAR, if still coming, will bind nothing)", session);
            return Outcome.refusal(ResultCodes.UNKNOWN_SESSION_ID, "no active registration in this session");
        }
        MobilityBinding removed = binding.get();
        log.info("ASR {}: removed the binding of {} on {}", session, removed.nai(), removed.homeAddress().getHostAddress());
        BindingEndListener.tellAll(listeners, removed, BindingEndListener.Reason.ABORTED);
        return Outcome.success(avps -> avps.add(AvpCodes.USER_NAME, removed.nai()));
    }

    private static String originHost(Request request) {
        try {
            return request.getAvps().getAvp(AvpCodes.ORIGIN_HOST).getDiameterIdentity();
        } catch (Exception e) {
            return ""; // the dictionary check already refused a request without one
        }
    }
}
