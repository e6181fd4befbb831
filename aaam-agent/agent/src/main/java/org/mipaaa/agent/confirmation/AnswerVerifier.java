package org.mipaaa.agent.confirmation;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.dictionary.ConfirmationProtocol.SignatureAlgorithm;

/**
 * Checks an answer's signature against the public key the caller holds for the expected terminal.
 *
 * <p>Thread-safe: a new JCA Signature per check.
 *
 * <p>Internal: public for the nodes of diameter-mip-app, not part of the vendor API (docs/AGENT.md, "What is API"); it may change in any release.
 */
public final class AnswerVerifier {

    private final PublicKey key;

    public AnswerVerifier(PublicKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Why {@code answer} is not the key holder's answer to {@code question} (the request this caller sent),
     * or empty when it is: a version 2 signature (docs/PROTOCOL.md §11.2) over the answer and that question.
     * A version 1 signature covers the answer alone, so an OK signed for another question would pass: refused.
     */
    public Optional<String> problem(ConfirmationAnswer answer, ConfirmationRequest question) {
        Objects.requireNonNull(question, "question");
        if (!answer.signature().isPresent()) {
            return Optional.of("the answer is not signed");
        }
        ConfirmationAnswer.Signature signature = answer.signature().get();
        if (signature.algorithm() == SignatureAlgorithm.ED25519) {
            return Optional.of("a version 1 signature, which does not cover the question asked");
        }
        if (signature.algorithm() != SignatureAlgorithm.ED25519_WITH_QUESTION) {
            return Optional.of("unknown signature algorithm " + signature.algorithm());
        }
        try {
            Signature s = Signature.getInstance(AnswerSigner.ALGORITHM);
            s.initVerify(key);
            s.update(ConfirmationCodec.signedData(answer.signedOctets(), question));
            return s.verify(signature.value()) ? Optional.empty()
                    : Optional.of("the signature does not verify with the expected terminal's key for the question asked");
        } catch (java.security.SignatureException e) {
            // a signature of the wrong length or encoding is a bad signature, not an error of ours
            return Optional.of("the signature is not an Ed25519 signature: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return Optional.of("the configured key cannot verify " + AnswerSigner.ALGORITHM + ": " + e.getMessage());
        }
    }
}
