package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jdiameter.api.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mipaaa.diameter.DiameterClient;
import org.mipaaa.diameter.HandlerRegistry;
import org.mipaaa.diameter.Outcome;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.dictionary.VendorSettings;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.role.Role;

/**
 * Handlers run on the node's own pool: a handler that blocks neither stalls the peer connection nor
 * other requests, and a node whose pool and queue are full answers 3004 DIAMETER_TOO_BUSY at once
 * instead of letting requests pile up. The AAAH gets a handler here that blocks until released.
 */
class HandlerPoolTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();

    private final CountDownLatch release = new CountDownLatch(1);
    private TopologyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAH, Role.AAAF), TopologyFixture.only(role -> {
            HandlerRegistry handlers = new HandlerRegistry();
            if (role == Role.AAAH) {
                handlers.register(VENDOR.accountingServicesApplicationId(), CommandCodes.CHARGE_QUERY, request -> {
                    try {
                        // blocks the handler thread it runs on, as a slow database would
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Outcome.success().now();
                });
            }
            return handlers;
        }), Map.of("handler.threads", "1", "handler.queue", "1"));
    }

    @AfterEach
    void stop() {
        release.countDown();
        fixture.close();
    }

    @Test
    void aBlockedHandlerStallsNothingElseAndAFullPoolAnswersTooBusy() throws Exception {
        DiameterNode aaaf = fixture.topology().node(Role.AAAF);
        DiameterNode aaah = fixture.topology().node(Role.AAAH);

        CompletableFuture<Answer> running = chargeQuery(aaaf, aaah).send();   // takes the one thread
        Thread.sleep(200);
        CompletableFuture<Answer> queued = chargeQuery(aaaf, aaah).send();    // takes the one queue slot
        Thread.sleep(200);
        Answer refused = chargeQuery(aaaf, aaah).send().get(5, TimeUnit.SECONDS);

        assertThat(Exchange.resultCode(refused)).isEqualTo(ResultCodes.TOO_BUSY);
        assertThat(refused.isError()).isTrue();
        // that answer came while the only handler thread was blocked: the network thread is free
        assertThat(aaah.connectedPeers()).contains(aaaf.host());
        assertThat(running).isNotDone();
        // what the operations team sees meanwhile: the refusal counted, one request waiting for the thread
        Scrape busy = Scrape.of(aaah);
        assertThat(busy.value("diameter_too_busy_total")).isEqualTo(1);
        assertThat(busy.value("diameter_answers_total", "command", "CQR", "result", "3004")).isEqualTo(1);
        assertThat(busy.value("executor_queued_tasks", "name", "handlers")).isEqualTo(1);
        assertThat(busy.value("executor_active_threads", "name", "handlers")).isEqualTo(1);

        release.countDown();
        assertThat(Exchange.resultCode(running.get(5, TimeUnit.SECONDS))).isEqualTo(ResultCodes.SUCCESS);
        assertThat(Exchange.resultCode(queued.get(5, TimeUnit.SECONDS))).isEqualTo(ResultCodes.SUCCESS);
    }

    private static DiameterClient.OutgoingRequest chargeQuery(DiameterNode from, DiameterNode to) throws Exception {
        return Requests.chargeQuery(from, to, VENDOR);
    }
}
