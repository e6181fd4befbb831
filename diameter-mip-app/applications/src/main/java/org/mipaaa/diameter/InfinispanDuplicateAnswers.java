package org.mipaaa.diameter;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.infinispan.Cache;
import org.jdiameter.api.Answer;
import org.jdiameter.api.Avp;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.parser.IMessageParser;
import org.mipaaa.dictionary.AvpCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Duplicate detection backed by an Infinispan cache of encoded answers, keyed by Origin-Host and
 * End-to-End Identifier, plus the requests of this node still being served. The cache's expiration
 * (config/infinispan.xml) bounds how long a duplicate is recognised.
 */
public final class InfinispanDuplicateAnswers implements DuplicateAnswers {

    private static final Logger log = LoggerFactory.getLogger(InfinispanDuplicateAnswers.class);

    private final Cache<String, byte[]> answers;
    private final IMessageParser parser;
    private final ConcurrentMap<String, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();

    public InfinispanDuplicateAnswers(Cache<String, byte[]> answers, IMessageParser parser) {
        this.answers = answers;
        this.parser = parser;
    }

    @Override
    public Optional<CompletionStage<Answer>> claim(Request request) {
        String key = key(request);
        if (key == null) {
            return Optional.empty(); // no Origin-Host: the validator refuses it anyway
        }
        byte[] done = answers.get(key);
        if (done != null) {
            return Optional.of(CompletableFuture.completedFuture(copyFor(request, done)));
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> earlier = inFlight.putIfAbsent(key, mine);
        if (earlier != null) {
            return Optional.of(earlier.thenApply(bytes -> copyFor(request, bytes)));
        }
        // the first one may have completed between the cache read and the claim
        done = answers.get(key);
        if (done != null) {
            inFlight.remove(key, mine);
            mine.complete(done);
            return Optional.of(CompletableFuture.completedFuture(copyFor(request, done)));
        }
        return Optional.empty();
    }

    @Override
    public void complete(Request request, Answer answer) {
        String key = key(request);
        if (key == null) {
            return;
        }
        CompletableFuture<byte[]> waiting = inFlight.remove(key);
        try {
            ByteBuffer buffer = parser.encodeMessage((IMessage) answer);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            answers.put(key, bytes);
            if (waiting != null) {
                waiting.complete(bytes);
            }
        } catch (Exception e) {
            log.warn("cannot keep the answer for duplicate detection: {}", key, e);
            if (waiting != null) {
                waiting.completeExceptionally(e);
            }
        }
    }

    private Answer copyFor(Request request, byte[] encoded) {
        try {
            IMessage answer = parser.createMessage(encoded);
            IMessage req = (IMessage) request;
            // the copy travels on this request's hop: its Hop-by-Hop Identifier and connection
            answer.setHopByHopIdentifier(req.getHopByHopIdentifier());
            answer.setPeer(req.getPeer());
            return answer;
        } catch (AvpDataException e) {
            throw new IllegalStateException("a kept answer does not decode", e);
        }
    }

    private static String key(Request request) {
        Avp origin = request.getAvps().getAvp(AvpCodes.ORIGIN_HOST, 0);
        if (origin == null) {
            return null;
        }
        try {
            return origin.getDiameterIdentity() + '|' + request.getEndToEndIdentifier();
        } catch (AvpDataException e) {
            return null;
        }
    }
}
