package org.mipaaa.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdiameter.api.OverloadException;
import org.jdiameter.api.PeerState;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.fsm.EventTypes;
import org.jdiameter.client.api.fsm.FsmEvent;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.client.impl.helpers.Parameters;
import org.jdiameter.common.impl.concurrent.ConcurrentEntityFactory;
import org.jdiameter.common.impl.concurrent.ConcurrentFactory;
import org.jdiameter.common.impl.statistic.StatisticManagerImpl;
import org.jdiameter.server.impl.helpers.EmptyConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.dictionary.ResultCodes;

/**
 * The peer state machine with jDiameter's own states, its peer a Mockito context: a mobile node whose
 * link closes and which dials again at once gets its CEA on the new link.
 */
class OrderlyPeerFsmTest {

    private static final String OLD_LINK = "aaa://127.0.0.1:50001";
    private static final String NEW_LINK = "aaa://127.0.0.1:50002";

    private final IContext peer = mock(IContext.class);
    /** The peer's name, and so its thread's: each test's own. */
    private final String peerName = "mn2-" + System.nanoTime();
    private final CountDownLatch statisticsRemoved = new CountDownLatch(1);
    private final AtomicInteger removals = new AtomicInteger();
    private OrderlyPeerFsm fsm;

    @BeforeEach
    void start() throws Exception {
        EmptyConfiguration config = new EmptyConfiguration(true);
        // one thread per peer, as the nodes' jdiameter.xml has it: a peer's messages stay in order
        config.add(Parameters.PeerFSMThreadCount, 1);
        StatisticManagerImpl statistics = new StatisticManagerImpl(config);
        when(peer.processCerMessage(anyString(), any())).thenReturn((int) ResultCodes.SUCCESS);
        when(peer.getPeerDescription()).thenReturn(peerName);
        // the first DOWN's clean-up runs after jDiameter has told the thread to stop: hold it there
        doAnswer(invocation -> {
            if (removals.incrementAndGet() == 1) {
                statisticsRemoved.await(10, TimeUnit.SECONDS);
            }
            return null;
        }).when(peer).removeStatistics();
        fsm = new OrderlyPeerFsm(peer, new ConcurrentFactory(config, statistics, new ConcurrentEntityFactory()), config, statistics);
    }

    @AfterEach
    void stop() throws Exception {
        statisticsRemoved.countDown();
        fsm.handleEvent(new FsmEvent(EventTypes.STOP_EVENT));
    }

    @Test
    void aCerThatArrivesWhileThePeerThreadIsLeavingIsAnswered() throws Exception {
        fsm.handleEvent(new FsmEvent(EventTypes.CER_EVENT, mock(IMessage.class), OLD_LINK));
        verify(peer, timeout(5_000)).sendCeaMessage(eq((int) ResultCodes.SUCCESS), any(), isNull());
        awaitState(PeerState.OKAY);

        // the old link closes without DPR: the thread goes DOWN and is told to stop
        fsm.handleEvent(new FsmEvent(EventTypes.DISCONNECT_EVENT, OLD_LINK));
        verify(peer, timeout(5_000)).removeStatistics();

        // the node dials again before that thread has left
        IMessage cer = mock(IMessage.class);
        CompletableFuture<Boolean> offered = CompletableFuture.supplyAsync(() -> {
            try {
                return fsm.handleEvent(new FsmEvent(EventTypes.CER_EVENT, cer, NEW_LINK));
            } catch (OverloadException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitQueued();
        statisticsRemoved.countDown();

        assertThat(offered.get(10, TimeUnit.SECONDS)).isTrue();
        verify(peer, timeout(5_000).times(2)).sendCeaMessage(eq((int) ResultCodes.SUCCESS), any(), isNull());
        awaitState(PeerState.OKAY);
    }

    @Test
    void aCerThatComesBeforeTheFirstThreadHasStartedIsAnsweredOnce() throws Exception {
        // a peer that dials in is made and handed its CER at once: hold the thread its constructor starts
        EmptyConfiguration config = new EmptyConfiguration(true);
        config.add(Parameters.PeerFSMThreadCount, 1);
        StatisticManagerImpl statistics = new StatisticManagerImpl(config);
        ConcurrentFactory threads = spy(new ConcurrentFactory(config, statistics, new ConcurrentEntityFactory()));
        CountDownLatch started = new CountDownLatch(1);
        doAnswer(invocation -> {
            Runnable loop = invocation.getArgument(1);
            return new Thread(() -> {
                try {
                    started.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                loop.run();
            }, invocation.getArgument(0));
        }).when(threads).getThread(anyString(), any(Runnable.class));
        IContext dialling = mock(IContext.class);
        when(dialling.processCerMessage(anyString(), any())).thenReturn((int) ResultCodes.SUCCESS);
        when(dialling.getPeerDescription()).thenReturn(peerName + "-dialling");
        OrderlyPeerFsm fresh = new OrderlyPeerFsm(dialling, threads, config, statistics);

        IMessage cer = mock(IMessage.class);
        CompletableFuture<Boolean> offered = new CompletableFuture<>();
        Thread network = new Thread(() -> {
            try {
                offered.complete(fresh.handleEvent(new FsmEvent(EventTypes.CER_EVENT, cer, NEW_LINK)));
            } catch (Exception | Error e) {
                offered.completeExceptionally(e);
            }
        }, "network-" + peerName);
        network.start();
        // the CER is being offered while the first thread has not counted itself in
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!offered.isDone() && network.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        started.countDown();

        assertThat(offered.get(10, TimeUnit.SECONDS)).isTrue();
        verify(dialling, timeout(5_000)).sendCeaMessage(eq((int) ResultCodes.SUCCESS), any(), isNull());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fresh.getState(PeerState.class) != PeerState.OKAY && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(fresh.getState(PeerState.class)).isEqualTo(PeerState.OKAY);
        verify(dialling, times(1)).sendCeaMessage(anyInt(), any(), any());
        fresh.handleEvent(new FsmEvent(EventTypes.STOP_EVENT));
    }

    @Test
    void anAnswerForAPeerThatIsDownIsRefusedNotQueuedForAnIdleThread() throws Exception {
        fsm.handleEvent(new FsmEvent(EventTypes.CER_EVENT, mock(IMessage.class), OLD_LINK));
        awaitState(PeerState.OKAY);
        statisticsRemoved.countDown();
        fsm.handleEvent(new FsmEvent(EventTypes.DISCONNECT_EVENT, OLD_LINK));
        awaitState(PeerState.DOWN);
        awaitThreadGone();

        assertThat(fsm.handleEvent(new FsmEvent(EventTypes.SEND_MSG_EVENT, mock(IMessage.class)))).isFalse();
        verify(peer, times(0)).sendMessage(any());
        verify(peer, times(0)).sendDwrMessage();
        assertThat(fsm.getQueueInfo()).isZero();
        verify(peer, times(1)).sendCeaMessage(anyInt(), any(), isNull());
    }

    private void awaitState(PeerState expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fsm.getState(PeerState.class) != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(fsm.getState(PeerState.class)).isEqualTo(expected);
    }

    private void awaitQueued() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (fsm.getQueueInfo() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(fsm.getQueueInfo()).as("the new CER waits in the queue").isPositive();
    }

    private void awaitThreadGone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("FSM-" + peerName))
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("FSM-" + peerName));
    }
}
