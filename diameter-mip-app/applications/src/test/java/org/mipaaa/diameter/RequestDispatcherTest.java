package org.mipaaa.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jdiameter.api.Answer;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.state.StateStore;

/**
 * The dispatch path on real jDiameter messages, a real Infinispan answer cache and a real pool: what
 * a handler cannot take is still answered, and its copies too.
 */
class RequestDispatcherTest {

    private static final String AAAF = "aaaf.visited.example";

    @TempDir
    Path data;

    private final MessageParser parser = new MessageParser();
    private final AnswerFactory answers = new AnswerFactory("aaah.home.example", "home.example", Dictionary.bundled());
    private final BlockingQueue<Answer> sent = new LinkedBlockingQueue<>();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private StateStore store;

    @BeforeEach
    void open() {
        store = StateStore.open(Path.of("../../config/infinispan.xml"), data, "test-node");
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        store.close();
    }

    private RequestDispatcher dispatcher(RequestHandler handler) {
        return new RequestDispatcher(new MessageValidator(Dictionary.bundled()), request -> new Route.To(handler, AAAF), answers,
                sent::add, new InfinispanDuplicateAnswers(store.cache(StateStore.ANSWERS), parser), pool);
    }

    private IMessage amr(long endToEnd) {
        IMessage amr = TestRequests.completeAmr(parser);
        amr.setEndToEndIdentifier(endToEnd);
        amr.setHopByHopIdentifier(endToEnd);
        return amr;
    }

    private long nextResultCode() throws InterruptedException {
        Answer answer = sent.poll(10, TimeUnit.SECONDS);
        assertThat(answer).as("an answer was sent").isNotNull();
        return AnswerResult.of(answer).orElseThrow().code();
    }

    /** Recurses until the stack overflows, as a handler given input deeper than it can take. */
    private static int deeper(int n) {
        return deeper(n + 1) + 1;
    }

    @Test
    void aHandlerWhoseStackOverflowsIsAnswered5012AndItsCopyTheSameAndThePoolServesOn() throws Exception {
        RequestDispatcher dispatcher = dispatcher(request -> CompletableFuture.completedFuture(Outcome.refusal(
                ResultCodes.UNABLE_TO_COMPLY, "depth " + deeper(0))));
        assertThat(dispatcher.processRequest(amr(1))).isNull();
        assertThat(nextResultCode()).isEqualTo(ResultCodes.UNABLE_TO_COMPLY);

        IMessage copy = amr(1);
        copy.setReTransmitted(true);
        dispatcher.processRequest(copy);
        assertThat(nextResultCode()).as("the copy is answered as the first, from the cache").isEqualTo(ResultCodes.UNABLE_TO_COMPLY);

        RequestDispatcher healthy = dispatcher(request -> Outcome.success(avps -> { }).now());
        healthy.processRequest(amr(2));
        assertThat(nextResultCode()).isEqualTo(ResultCodes.SUCCESS);
    }
}
