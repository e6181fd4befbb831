package org.mipaaa.diameter;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.Request;
import org.jdiameter.api.Session;
import org.jdiameter.api.SessionFactory;
import org.jdiameter.api.Stack;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.Dictionary;

/**
 * The network beyond a node, in process, for the tests of one handler: a {@link DiameterClient} whose
 * requests are real jDiameter message objects (Session-Id, Origin-*, Destination-*, as
 * {@code Session.createRequest} makes them) and are answered by a far end the test plays, through the
 * client's own {@link LocalDelivery} seam. Only jDiameter's stack and sessions are mocks: they are the
 * part that would need a network. A far end that never completes is a peer that never answers.
 */
public final class InProcessNextHop implements LocalDelivery {

    /** The far end: answers a request, or returns a stage that never completes. */
    @FunctionalInterface
    public interface FarEnd {
        CompletionStage<Answer> answer(Request request) throws Exception;
    }

    private final String host;
    private final String realm;
    private final Dictionary dictionary;
    private final MessageParser parser = new MessageParser();
    private final AtomicLong sessions = new AtomicLong();
    private final List<Request> sent = new CopyOnWriteArrayList<>();
    private volatile FarEnd farEnd = request -> new CompletableFuture<>();

    /** The node sending: its Origin-Host and Origin-Realm. */
    public InProcessNextHop(String host, String realm, Dictionary dictionary) {
        this.host = host;
        this.realm = realm;
        this.dictionary = dictionary;
    }

    /** A client of the node, waiting at most {@code timeout} for an answer; answers complete on the far end's thread. */
    public DiameterClient client(Duration timeout) throws Exception {
        Stack stack = mock(Stack.class);
        SessionFactory factory = mock(SessionFactory.class);
        when(stack.getSessionFactory()).thenReturn(factory);
        when(factory.getNewSession()).thenAnswer(i -> session(host + ";" + sessions.incrementAndGet()));
        when(factory.getNewSession(anyString())).thenAnswer(i -> session(i.getArgument(0)));
        return new DiameterClient(stack, timeout, Runnable::run, dictionary).withLocalDelivery(this);
    }

    /** From now on {@code farEnd} answers what the node sends. */
    public void answerWith(FarEnd farEnd) {
        this.farEnd = farEnd;
    }

    /** Every request the node sent, in order. */
    public List<Request> sent() {
        return List.copyOf(sent);
    }

    /** The requests of {@code command} the node sent, in order. */
    public List<Request> sent(int command) {
        return sent.stream().filter(r -> r.getCommandCode() == command).toList();
    }

    @Override
    public Optional<CompletionStage<Answer>> deliver(Request request) {
        sent.add(request);
        try {
            return Optional.of(farEnd.answer(request));
        } catch (Exception e) {
            return Optional.of(CompletableFuture.failedFuture(e));
        }
    }

    private Session session(String id) {
        Session session = mock(Session.class);
        when(session.getSessionId()).thenReturn(id);
        when(session.createRequest(anyInt(), any(ApplicationId.class), anyString()))
                .thenAnswer(i -> request(id, i.getArgument(0), i.getArgument(1), i.getArgument(2), null));
        when(session.createRequest(anyInt(), any(ApplicationId.class), anyString(), anyString()))
                .thenAnswer(i -> request(id, i.getArgument(0), i.getArgument(1), i.getArgument(2), i.getArgument(3)));
        return session;
    }

    private Request request(String sessionId, int command, ApplicationId application, String destinationRealm, String destinationHost) {
        long id = application.getAuthAppId() != ApplicationId.UNDEFINED_VALUE ? application.getAuthAppId() : application.getAcctAppId();
        IMessage r = parser.createEmptyMessage(command, id);
        r.setRequest(true);
        AvpWriter avps = new AvpWriter(dictionary, r.getAvps())
                .add(AvpCodes.SESSION_ID, sessionId)
                .add(AvpCodes.ORIGIN_HOST, host)
                .add(AvpCodes.ORIGIN_REALM, realm)
                .add(AvpCodes.DESTINATION_REALM, destinationRealm);
        if (destinationHost != null) {
            avps.add(AvpCodes.DESTINATION_HOST, destinationHost);
        }
        return r;
    }
}
