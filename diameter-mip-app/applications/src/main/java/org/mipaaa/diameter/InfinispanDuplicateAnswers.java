package org.mipaaa.diameter;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
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
 * Duplicate detection backed by an Infinispan cache of encoded answers, keyed by the peer the request
 * came from, its Origin-Host and its End-to-End Identifier, and kept with a digest of the request
 * itself; plus the requests of this node still being served. A copy is the same request: the same key
 * and the same digest. Another request under a key already used is {@link DuplicateAnswers.Reused}:
 * never given the first one's answer (a peer cannot read another's answer by guessing its identifiers).
 * The cache's expiration (config/infinispan.xml) bounds how long a duplicate is recognised.
 */
public final class InfinispanDuplicateAnswers implements DuplicateAnswers {

    private static final Logger log = LoggerFactory.getLogger(InfinispanDuplicateAnswers.class);
    /** SHA-256: the digest of the request kept before the answer's octets. */
    private static final int DIGEST = 32;

    private final Cache<String, byte[]> answers;
    private final IMessageParser parser;
    private final ConcurrentMap<String, InFlight> inFlight = new ConcurrentHashMap<>();

    /** A request being served: its digest, and its answer once it has one. */
    private record InFlight(byte[] digest, CompletableFuture<byte[]> answer) {
    }

    public InfinispanDuplicateAnswers(Cache<String, byte[]> answers, IMessageParser parser) {
        this.answers = answers;
        this.parser = parser;
    }

    @Override
    public Claim claim(Request request, String peer) {
        String key = key(request, peer);
        if (key == null) {
            return new Claimed(); // no Origin-Host: the validator has refused it already
        }
        byte[] digest = digest(request);
        Claim done = fromCache(request, key, digest);
        if (done != null) {
            return done;
        }
        InFlight mine = new InFlight(digest, new CompletableFuture<>());
        InFlight earlier = inFlight.putIfAbsent(key, mine);
        if (earlier != null) {
            return Arrays.equals(earlier.digest(), digest)
                    ? new Copy(earlier.answer().thenApply(bytes -> copyFor(request, bytes))) : new Reused();
        }
        // the first one may have completed between the cache read and the claim
        byte[] kept = answers.get(key);
        if (kept != null) {
            inFlight.remove(key, mine);
            Claim found = fromCache(request, key, digest);
            if (found instanceof Copy) {
                mine.answer().complete(Arrays.copyOfRange(kept, DIGEST, kept.length));
            } else {
                // another request's answer is never handed out: a copy that joined this claim gets none
                mine.answer().completeExceptionally(new IllegalStateException("End-to-End Identifier reused"));
            }
            return found;
        }
        return new Claimed();
    }

    private Claim fromCache(Request request, String key, byte[] digest) {
        byte[] kept = answers.get(key);
        if (kept == null) {
            return null;
        }
        if (kept.length < DIGEST || !Arrays.equals(Arrays.copyOf(kept, DIGEST), digest)) {
            return new Reused();
        }
        return new Copy(CompletableFuture.completedFuture(copyFor(request, Arrays.copyOfRange(kept, DIGEST, kept.length))));
    }

    @Override
    public void complete(Request request, String peer, Answer answer) {
        String key = key(request, peer);
        if (key == null) {
            return;
        }
        InFlight waiting = inFlight.remove(key);
        try {
            ByteBuffer buffer = parser.encodeMessage((IMessage) answer);
            byte[] kept = new byte[DIGEST + buffer.remaining()];
            System.arraycopy(digest(request), 0, kept, 0, DIGEST);
            buffer.get(kept, DIGEST, kept.length - DIGEST);
            answers.put(key, kept);
            if (waiting != null) {
                waiting.answer().complete(Arrays.copyOfRange(kept, DIGEST, kept.length));
            }
        } catch (Exception e) {
            log.warn("cannot keep the answer for duplicate detection: {}", key, e);
            if (waiting != null) {
                waiting.answer().completeExceptionally(e);
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

    private static String key(Request request, String peer) {
        Avp origin = request.getAvps().getAvp(AvpCodes.ORIGIN_HOST, 0);
        if (origin == null) {
            return null;
        }
        try {
            return peer + '|' + origin.getDiameterIdentity() + '|' + request.getEndToEndIdentifier();
        } catch (AvpDataException e) {
            return null;
        }
    }

    /**
     * What makes two requests the same: command, application and every AVP but those the way adds or
     * changes (Route-Record, Proxy-Info, RFC 6733 §6.1.9, §6.7.3); a retransmission differs from the
     * original only by those and the T flag.
     */
    static byte[] digest(Request request) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
        sha.update(ByteBuffer.allocate(12).putInt(request.getCommandCode()).putLong(request.getApplicationId()).array());
        for (Avp avp : request.getAvps()) {
            if (avp.getCode() == AvpCodes.ROUTE_RECORD || avp.getCode() == AvpCodes.PROXY_INFO) {
                continue;
            }
            sha.update(ByteBuffer.allocate(8).putInt(avp.getCode()).putInt((int) avp.getVendorId()).array());
            byte[] data = Avps.data(avp);
            sha.update(ByteBuffer.allocate(4).putInt(data.length).array());
            sha.update(data);
        }
        return sha.digest();
    }
}
