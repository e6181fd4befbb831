package org.mipaaa.agent.confirmation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalKeysTest {

    @TempDir
    Path dir;

    /** RFC 8410 §10.3's Ed25519 private key and the public key §10.1 gives for it. */
    private static final String RFC8410_PRIVATE = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
            -----END PRIVATE KEY-----
            """;
    private static final String RFC8410_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
            -----END PUBLIC KEY-----
            """;

    private static boolean signedAndVerified(java.security.PrivateKey privateKey, java.security.PublicKey publicKey) throws Exception {
        byte[] octets = ConfirmationCodec.encode(ConfirmationAnswer.ok(ConfirmationCodecTest.NONCE, 5, 30), ConfirmationCodecTest.QUESTION,
                Optional.of(new AnswerSigner(privateKey)));
        return new AnswerVerifier(publicKey).problem(ConfirmationCodec.decodeAnswer(octets), ConfirmationCodecTest.QUESTION).isEmpty();
    }

    @Test
    void writtenKeysReadBackAndVerify() throws Exception {
        KeyPair keys = AnswerSigner.generateKeyPair();
        TerminalKeys.write(keys, dir.resolve("terminal.key"), dir.resolve("terminal.pub"));
        assertThat(Files.readString(dir.resolve("terminal.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(signedAndVerified(TerminalKeys.readPrivateKey(dir.resolve("terminal.key")),
                TerminalKeys.readPublicKey(dir.resolve("terminal.pub")))).isTrue();
    }

    @Test
    void theRfc8410ExampleKeysAreOnePair() throws Exception {
        Files.writeString(dir.resolve("k"), RFC8410_PRIVATE);
        Files.writeString(dir.resolve("p"), RFC8410_PUBLIC);
        assertThat(signedAndVerified(TerminalKeys.readPrivateKey(dir.resolve("k")), TerminalKeys.readPublicKey(dir.resolve("p")))).isTrue();
    }

    @Test
    void thePublicKeyOfACertificateMadeByKeytoolVerifies() throws Exception {
        Path keystore = dir.resolve("terminal.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(List.of(keytool.toString(), "-genkeypair", "-keyalg", "Ed25519", "-alias", "terminal", "-dname", "CN=a.home.example",
                "-ext", "SAN=dns:a.home.example", "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit"));
        run(List.of(keytool.toString(), "-exportcert", "-rfc", "-alias", "terminal", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", dir.resolve("terminal.crt").toString()));
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        java.security.PrivateKey privateKey = (java.security.PrivateKey) store.getKey("terminal", "changeit".toCharArray());
        assertThat(signedAndVerified(privateKey, TerminalKeys.readPublicKey(dir.resolve("terminal.crt")))).isTrue();
        assertThat(signedAndVerified(AnswerSigner.generateKeyPair().getPrivate(), TerminalKeys.readPublicKey(dir.resolve("terminal.crt"))))
                .isFalse();
    }

    @Test
    void wrongFilesAreClearErrors() throws Exception {
        Files.writeString(dir.resolve("none"), "hello");
        Files.writeString(dir.resolve("pub-as-private"), RFC8410_PUBLIC);
        assertThatThrownBy(() -> TerminalKeys.readPublicKey(dir.resolve("none"))).isInstanceOf(IOException.class).hasMessageContaining("no PEM");
        assertThatThrownBy(() -> TerminalKeys.readPrivateKey(dir.resolve("pub-as-private"))).isInstanceOf(IOException.class)
                .hasMessageContaining("no PRIVATE KEY");
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        Files.writeString(dir.resolve("ec.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(ec.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> TerminalKeys.readPublicKey(dir.resolve("ec.pub"))).isInstanceOf(IOException.class);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
