package org.mipaaa.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.jdiameter.api.Answer;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.parser.MessageParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.AvpCodes;
import org.mipaaa.dictionary.CommandCodes;
import org.mipaaa.dictionary.Dictionary;
import org.mipaaa.dictionary.ResultCodes;
import org.mipaaa.state.StateStore;

/** Duplicate detection on a real embedded Infinispan, opened from the shipped config/infinispan.xml. */
class InfinispanDuplicateAnswersTest {

    @TempDir
    Path data;

    private final MessageParser parser = new MessageParser();
    private final AnswerFactory answers = new AnswerFactory("aaah.home.example", "home.example", Dictionary.bundled());
    private StateStore store;
    private InfinispanDuplicateAnswers duplicates;

    @BeforeEach
    void open() {
        store = StateStore.open(Path.of("../../config/infinispan.xml"), data, "test-node");
        duplicates = new InfinispanDuplicateAnswers(store.cache(StateStore.ANSWERS), parser);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private IMessage request(String originHost, long endToEnd, long hopByHop) {
        IMessage r = parser.createEmptyMessage(CommandCodes.ACCOUNTING, ApplicationIds.MOBILE_IPV4);
        r.setRequest(true);
        r.setEndToEndIdentifier(endToEnd);
        r.setHopByHopIdentifier(hopByHop);
        r.getAvps().addAvp(AvpCodes.SESSION_ID, "s;1", false);
        r.getAvps().addAvp(AvpCodes.ORIGIN_HOST, originHost, true, false, true);
        return r;
    }

    @Test
    void theFirstRequestIsClaimedAndItsRetransmissionGetsItsAnswerOnItsOwnHop() throws Exception {
        IMessage first = request("aaaf.visited.example", 77, 1);
        assertThat(duplicates.claim(first)).isEmpty();
        duplicates.complete(first, answers.answer(first, Outcome.success()));

        IMessage again = request("aaaf.visited.example", 77, 2);
        Optional<CompletionStage<Answer>> earlier = duplicates.claim(again);

        assertThat(earlier).isPresent();
        Answer copy = earlier.get().toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(copy.getEndToEndIdentifier()).isEqualTo(77);
        assertThat(copy.getHopByHopIdentifier()).isEqualTo(2);
        assertThat(copy.getAvps().getAvp(AvpCodes.RESULT_CODE).getUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
    }

    @Test
    void aDuplicateOfARequestStillBeingServedWaitsForItsAnswer() throws Exception {
        IMessage first = request("aaaf.visited.example", 5, 1);
        assertThat(duplicates.claim(first)).isEmpty();
        CompletionStage<Answer> waiting = duplicates.claim(request("aaaf.visited.example", 5, 9)).orElseThrow();
        assertThat(waiting.toCompletableFuture()).isNotDone();

        duplicates.complete(first, answers.answer(first, Outcome.success()));

        assertThat(waiting.toCompletableFuture().get(1, TimeUnit.SECONDS).getHopByHopIdentifier()).isEqualTo(9);
    }

    @Test
    void theSameEndToEndIdentifierFromAnotherOriginIsNotADuplicate() {
        IMessage first = request("aaaf.visited.example", 5, 1);
        duplicates.claim(first);
        duplicates.complete(first, answers.answer(first, Outcome.success()));

        assertThat(duplicates.claim(request("other.visited.example", 5, 1))).isEmpty();
    }
}
