package org.mipaaa.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdiameter.api.Answer;
import org.jdiameter.client.api.IMessage;
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
 * RFC 6733 §6.2 duplicate detection in the node's dispatcher, between real stacks: a request with the
 * Origin-Host and End-to-End Identifier of an earlier one gets the earlier answer and reaches its
 * handler once, also when it arrives while the first is still being served.
 *
 * <p>The AAAH gets a counting handler for one command here: what is tested is the dispatcher every
 * real handler sits behind, not a service.
 */
class DuplicateRequestTest {

    private static final VendorSettings VENDOR = VendorSettings.defaults();

    private final AtomicInteger served = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private TopologyFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new TopologyFixture().start(EnumSet.of(Role.AAAH, Role.AAAF), TopologyFixture.only(role -> {
            HandlerRegistry handlers = new HandlerRegistry();
            if (role == Role.AAAH) {
                handlers.register(VENDOR.accountingServicesApplicationId(), CommandCodes.CHARGE_QUERY, request ->
                        CompletableFuture.supplyAsync(() -> {
                            served.incrementAndGet();
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return Outcome.success();
                        }));
            }
            return handlers;
        }), Map.of());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aRetransmissionWhileTheFirstIsServedAndOneAfterGetTheSameAnswerAndNoSecondService() throws Exception {
        DiameterNode aaaf = fixture.topology().node(Role.AAAF);
        DiameterNode aaah = fixture.topology().node(Role.AAAH);

        DiameterClient.OutgoingRequest first = chargeQuery(aaaf, aaah);
        long endToEnd = first.request().getEndToEndIdentifier();
        CompletableFuture<Answer> firstAnswer = first.send();

        // a copy is the same request (RFC 6733 §6.1.9): same Session-Id and AVPs, same End-to-End Identifier
        String sessionId = first.request().getSessionId();
        DiameterClient.OutgoingRequest whileServed = Requests.chargeQueryInSession(sessionId, aaaf, aaah, VENDOR);
        ((IMessage) whileServed.request()).setEndToEndIdentifier(endToEnd);
        whileServed.request().setReTransmitted(true);
        CompletableFuture<Answer> secondAnswer = whileServed.send();

        Thread.sleep(300); // both are now at the AAAH, the first blocked in its handler
        release.countDown();
        Answer a1 = firstAnswer.get(10, TimeUnit.SECONDS);
        Answer a2 = secondAnswer.get(10, TimeUnit.SECONDS);

        DiameterClient.OutgoingRequest later = Requests.chargeQueryInSession(sessionId, aaaf, aaah, VENDOR);
        ((IMessage) later.request()).setEndToEndIdentifier(endToEnd);
        Answer a3 = later.send().get(10, TimeUnit.SECONDS);

        assertThat(served).hasValue(1);
        assertThat(Exchange.resultCode(a1)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(Exchange.resultCode(a2)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(Exchange.resultCode(a3)).isEqualTo(ResultCodes.SUCCESS);
        assertThat(a2.getEndToEndIdentifier()).isEqualTo(endToEnd);
        assertThat(a3.getEndToEndIdentifier()).isEqualTo(endToEnd);
    }

    @Test
    void aNewEndToEndIdentifierIsServedAgain() throws Exception {
        release.countDown();
        DiameterNode aaaf = fixture.topology().node(Role.AAAF);
        DiameterNode aaah = fixture.topology().node(Role.AAAH);
        chargeQuery(aaaf, aaah).send().get(10, TimeUnit.SECONDS);
        chargeQuery(aaaf, aaah).send().get(10, TimeUnit.SECONDS);

        assertThat(served).hasValue(2);
    }

    private static DiameterClient.OutgoingRequest chargeQuery(DiameterNode from, DiameterNode to) throws Exception {
        return Requests.chargeQuery(from, to, VENDOR);
    }
}
