package org.mipaaa.diameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.jdiameter.api.Answer;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.EventListener;
import org.jdiameter.api.Request;
import org.jdiameter.api.Session;
import org.jdiameter.api.SessionFactory;
import org.jdiameter.api.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.VendorIds;

/**
 * The futures of {@link DiameterClient} complete on the node's handler pool, not on the jDiameter
 * thread that reported the answer: what a handler chains on them (the AAAH's AMR handler writes to an
 * fsynced store) must not hold up the peer connection the answer came on. The registration benchmark
 * found the AMR handler's continuation running on the AAAH's peer FSM thread of the home agent.
 */
class DiameterClientTest {

    private ExecutorService pool;
    private final AtomicReference<EventListener<Request, Answer>> listener = new AtomicReference<>();
    private Stack stack;
    private Request request;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void stack() throws Exception {
        pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "node-handler-1"));
        stack = mock(Stack.class);
        SessionFactory sessions = mock(SessionFactory.class);
        Session session = mock(Session.class);
        request = mock(Request.class);
        when(stack.getSessionFactory()).thenReturn(sessions);
        when(sessions.getNewSession()).thenReturn(session);
        when(session.createRequest(eq(262), any(ApplicationId.class), anyString(), anyString())).thenReturn(request);
        doAnswer(call -> {
            listener.set(call.getArgument(1));
            return null;
        }).when(session).send(eq(request), any(EventListener.class), anyLong(), any(TimeUnit.class));
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private CompletableFuture<String> sendAndNoteTheThread(DiameterClient client) throws Exception {
        return client.newRequest(262, ApplicationId.createByAuthAppId(2), "home.example", "ha.home.example").send()
                .handle((answer, failure) -> Thread.currentThread().getName());
    }

    @Test
    void anAnswerCompletesTheFutureOnTheHandlerPool() throws Exception {
        CompletableFuture<String> thread = sendAndNoteTheThread(new DiameterClient(stack, Duration.ofSeconds(5), pool, Dictionary.bundled()));

        listener.get().receivedSuccessMessage(request, mock(Answer.class)); // as jDiameter's peer thread would

        assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("node-handler-1");
    }

    @Test
    void aTimeoutCompletesTheFutureOnTheHandlerPoolToo() throws Exception {
        DiameterClient client = new DiameterClient(stack, Duration.ofSeconds(5), pool, Dictionary.bundled());
        CompletableFuture<Answer> answer = client.newRequest(262, ApplicationId.createByAuthAppId(2), "home.example",
                "ha.home.example").send();
        CompletableFuture<String> thread = answer.handle((a, failure) -> failure + " on " + Thread.currentThread().getName());

        listener.get().timeoutExpired(request);

        assertThat(thread.get(5, TimeUnit.SECONDS)).contains(TimeoutException.class.getName()).endsWith("node-handler-1");
    }

    @Test
    void aFullPoolStillGetsTheAnswerDeliveredOnTheCallersThread() throws Exception {
        CompletableFuture<String> thread = sendAndNoteTheThread(new DiameterClient(stack, Duration.ofSeconds(5), task -> {
            throw new RejectedExecutionException("full");
        }, Dictionary.bundled()));

        listener.get().receivedSuccessMessage(request, mock(Answer.class));

        assertThat(thread.getNow("not completed")).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void requestsOfProxiableCommandsCarryThePBitAndOthersDoNot() throws Exception {
        DiameterClient client = new DiameterClient(stack, Duration.ofSeconds(5), pool, Dictionary.bundled());
        Session session = stack.getSessionFactory().getNewSession();
        Request har = mock(Request.class);
        Request str = mock(Request.class);
        Request acr = mock(Request.class);
        Request pir = mock(Request.class);
        Request dwr = mock(Request.class);
        when(session.createRequest(eq(CommandCodes.HOME_AGENT_MIP), any(ApplicationId.class), anyString(), anyString())).thenReturn(har);
        when(session.createRequest(eq(CommandCodes.SESSION_TERMINATION), any(ApplicationId.class), anyString())).thenReturn(str);
        when(session.createRequest(eq(CommandCodes.ACCOUNTING), any(ApplicationId.class), anyString())).thenReturn(acr);
        when(session.createRequest(eq(CommandCodes.PURCHASE_INFORMATION), any(ApplicationId.class), anyString())).thenReturn(pir);
        when(session.createRequest(eq(CommandCodes.DEVICE_WATCHDOG), any(ApplicationId.class), anyString())).thenReturn(dwr);

        client.newRequest(CommandCodes.HOME_AGENT_MIP, ApplicationId.createByAuthAppId(ApplicationIds.MOBILE_IPV4), "home.example", "ha.home.example");
        client.newRequest(CommandCodes.SESSION_TERMINATION, ApplicationId.createByAuthAppId(ApplicationIds.COMMON_MESSAGES), "home.example", null);
        client.newRequest(CommandCodes.ACCOUNTING, ApplicationId.createByAccAppId(ApplicationIds.MOBILE_IPV4), "home.example", null);
        client.newRequest(CommandCodes.PURCHASE_INFORMATION, ApplicationId.createByAuthAppId(VendorIds.MIP_AAA_DEFAULT,
                ApplicationIds.MIP_ACCOUNTING_SERVICES), "shop.example", null);
        client.newRequest(CommandCodes.DEVICE_WATCHDOG, ApplicationId.createByAuthAppId(ApplicationIds.COMMON_MESSAGES), "home.example", null);

        verify(har).setProxiable(true);
        verify(str).setProxiable(true);
        verify(acr).setProxiable(true);
        verify(pir).setProxiable(true);
        verify(dwr).setProxiable(false); // RFC 6733 §5.5.1: DWR is not proxiable
    }

    @Test
    void aCallersOwnTimeoutCompletesOnTheHandlerPoolNotOnTheJdksDelayThread() throws Exception {
        DiameterClient client = new DiameterClient(stack, Duration.ofSeconds(5), pool, Dictionary.bundled());

        CompletableFuture<String> thread = client.newRequest(262, ApplicationId.createByAuthAppId(2), "home.example", "ha.home.example")
                .send(Duration.ofMillis(50)) // nobody answers
                .handle((answer, failure) -> (failure instanceof TimeoutException ? "timeout on " : "? on ")
                        + Thread.currentThread().getName());

        assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("timeout on node-handler-1");
    }
}
