package org.mipaaa.agent.confirmation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A terminal's Ed25519 keys as PEM files (RFC 7468): the private key as PKCS #8 ("PRIVATE KEY"), the
 * public key as SubjectPublicKeyInfo ("PUBLIC KEY"), which the caller may also take from the terminal's
 * X.509 certificate ("CERTIFICATE"). These are the formats {@code openssl genpkey -algorithm ed25519}
 * and {@code openssl pkey -pubout} write.
 *
 * <p>Stateless (static members only): thread-safe.
 */
public final class TerminalKeys {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private TerminalKeys() {
    }

    /** Writes the key pair: {@code privateFile} readable by its owner only where the file system can say so. */
    public static void write(KeyPair keys, Path privateFile, Path publicFile) throws IOException {
        Files.write(privateFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        try {
            Files.setPosixFilePermissions(privateFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a non-POSIX file system: the directory's own protection applies
        }
        Files.write(publicFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII));
    }

    /** The terminal's private key from a PKCS #8 PEM file. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] der = der(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(AnswerSigner.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not an " + AnswerSigner.ALGORITHM + " private key: " + e.getMessage(), e);
        }
    }

    /** The expected terminal's public key from a PEM file holding a PUBLIC KEY or a CERTIFICATE. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        if (!m.find()) {
            throw new IOException(file + " holds no PEM block");
        }
        byte[] der = decode(file, m.group(2));
        try {
            PublicKey key;
            if ("PUBLIC KEY".equals(m.group(1))) {
                key = KeyFactory.getInstance(AnswerSigner.ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
            } else if ("CERTIFICATE".equals(m.group(1))) {
                key = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
            } else {
                throw new IOException(file + " holds a " + m.group(1) + ", not a PUBLIC KEY or CERTIFICATE");
            }
            if (!AnswerSigner.ALGORITHM.equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
                throw new IOException(file + " holds an " + key.getAlgorithm() + " key, not " + AnswerSigner.ALGORITHM);
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not a readable " + m.group(1) + ": " + e.getMessage(), e);
        }
    }

    private static byte[] der(Path file, String label) throws IOException {
        Matcher m = PEM.matcher(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII));
        while (m.find()) {
            if (m.group(1).equals(label)) {
                return decode(file, m.group(2));
            }
        }
        throw new IOException(file + " holds no " + label + " PEM block");
    }

    private static byte[] decode(Path file, String base64) throws IOException {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": bad base64 in the PEM block", e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
