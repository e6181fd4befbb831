package org.mipaaa.diameter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

    private static final String AAAF = "aaaf.visited.example";

    private IMessage request(String originHost, long endToEnd, long hopByHop) {
        return request(originHost, endToEnd, hopByHop, "mn1@home.example");
    }

    private IMessage request(String originHost, long endToEnd, long hopByHop, String userName) {
        IMessage r = parser.createEmptyMessage(CommandCodes.ACCOUNTING, ApplicationIds.MOBILE_IPV4);
        r.setRequest(true);
        r.setEndToEndIdentifier(endToEnd);
        r.setHopByHopIdentifier(hopByHop);
        r.getAvps().addAvp(AvpCodes.SESSION_ID, "s;1", false);
        r.getAvps().addAvp(AvpCodes.ORIGIN_HOST, originHost, true, false, true);
        r.getAvps().addAvp(AvpCodes.USER_NAME, userName, true, false, false);
        return r;
    }

    private static Answer copy(DuplicateAnswers.Claim claim) throws Exception {
        assertThat(claim).isInstanceOf(DuplicateAnswers.Copy.class);
        return ((DuplicateAnswers.Copy) claim).answer().toCompletableFuture().get(1, TimeUnit.SECONDS);
    }

    @Test
    void theFirstRequestIsClaimedAndItsRetransmissionGetsItsAnswerOnItsOwnHop() throws Exception {
        IMessage first = request(AAAF, 77, 1);
        assertThat(duplicates.claim(first, AAAF)).isInstanceOf(DuplicateAnswers.Claimed.class);
        duplicates.complete(first, AAAF, answers.answer(first, Outcome.success()));

        IMessage again = request(AAAF, 77, 2);
        again.setReTransmitted(true);
        // a retransmission that went another way carries another Route-Record: still the same request
        again.getAvps().addAvp(AvpCodes.ROUTE_RECORD, "relay.example", true, false, true);
        Answer copy = copy(duplicates.claim(again, AAAF));

        assertThat(copy.getEndToEndIdentifier()).isEqualTo(77);
        assertThat(copy.getHopByHopIdentifier()).isEqualTo(2);
        assertThat(copy.getAvps().getAvp(AvpCodes.RESULT_CODE).getUnsigned32()).isEqualTo(ResultCodes.SUCCESS);
    }

    @Test
    void aDuplicateOfARequestStillBeingServedWaitsForItsAnswer() throws Exception {
        IMessage first = request(AAAF, 5, 1);
        assertThat(duplicates.claim(first, AAAF)).isInstanceOf(DuplicateAnswers.Claimed.class);
        DuplicateAnswers.Claim waiting = duplicates.claim(request(AAAF, 5, 9), AAAF);
        assertThat(((DuplicateAnswers.Copy) waiting).answer().toCompletableFuture()).isNotDone();

        duplicates.complete(first, AAAF, answers.answer(first, Outcome.success()));

        assertThat(copy(waiting).getHopByHopIdentifier()).isEqualTo(9);
    }

    /**
     * Found in FrameReaderFuzzTest's output: the digest read each AVP with jDiameter's getRawData, which
     * on an AVP with no data prints a NullPointerException's stack trace: one per empty AVP of a request.
     */
    @Test
    void aRequestWithEmptyAvpsIsDigestedWithoutAStackTraceAndTheyCount() {
        IMessage withEmpty = request(AAAF, 5, 1);
        for (int i = 0; i < 3; i++) {
            withEmpty.getAvps().addAvp(AvpCodes.PROXY_STATE, new byte[0], false, false);
        }

        StandardError.Printed<byte[]> digest = StandardError.during(() -> InfinispanDuplicateAnswers.digest(withEmpty));

        assertThat(digest.text()).isEmpty();
        assertThat(digest.result()).isNotEqualTo(InfinispanDuplicateAnswers.digest(request(AAAF, 5, 1)));
    }

    @Test
    void theSameEndToEndIdentifierFromAnotherOriginIsNotADuplicate() {
        IMessage first = request(AAAF, 5, 1);
        duplicates.claim(first, AAAF);
        duplicates.complete(first, AAAF, answers.answer(first, Outcome.success()));

        assertThat(duplicates.claim(request("other.visited.example", 5, 1), AAAF)).isInstanceOf(DuplicateAnswers.Claimed.class);
    }

    @Test
    void attack8_aCopyIsAnsweredOnlyToThePeerThatSentTheOriginal() {
        IMessage mn1s = request("mn1.home.example", 42, 1);
        duplicates.claim(mn1s, "mn1.home.example");
        duplicates.complete(mn1s, "mn1.home.example", answers.answer(mn1s, Outcome.success()));

        // mn2 writes mn1's Origin-Host and End-to-End Identifier: it is not mn1's peer, so it is nobody's copy
        assertThat(duplicates.claim(request("mn1.home.example", 42, 7), "mn2.home.example"))
                .isInstanceOf(DuplicateAnswers.Claimed.class);
    }

    @Test
    void attack8_anotherRequestUnderAnIdentifierAlreadyUsedNeverGetsTheFirstOnesAnswer() {
        IMessage first = request(AAAF, 9, 1, "mn1@home.example");
        duplicates.claim(first, AAAF);
        duplicates.complete(first, AAAF, answers.answer(first, Outcome.success()));

        assertThat(duplicates.claim(request(AAAF, 9, 2, "mn2@home.example"), AAAF)).isInstanceOf(DuplicateAnswers.Reused.class);
        // and while the first one is still being served
        IMessage second = request(AAAF, 10, 3, "mn1@home.example");
        duplicates.claim(second, AAAF);
        assertThat(duplicates.claim(request(AAAF, 10, 4, "mn2@home.example"), AAAF)).isInstanceOf(DuplicateAnswers.Reused.class);
    }
}
