package org.mipaaa.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A lab CA for the agent's tests, in test scope only: a key and certificate per host as PKCS #12
 * files with their passwords beside them ({@code <host>.p12}, {@code <host>.pass}) and the CA as
 * {@code trust.p12} / {@code trust.pass}: the files a vendor's device holds. Certificates name their
 * host in the subject CN and a DNS SAN; their extended key usage is the caller's choice, so a test can
 * issue a mobile node's certificate (clientAuth only) and try to pass it off as a server.
 */
public final class LabPki {

    /** The usual server certificate of a node: serverAuth and clientAuth (nodes dial each other). */
    public static final KeyPurposeId[] SERVER = {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
    /** A mobile node's certificate: clientAuth only. */
    public static final KeyPurposeId[] CLIENT = {KeyPurposeId.id_kp_clientAuth};
    /** No extended key usage extension at all. */
    public static final KeyPurposeId[] NONE = {};

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final SecureRandom random = new SecureRandom();

    private LabPki(Path dir, KeyPair caKeys, X509Certificate ca) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new CA whose trust store goes to {@code dir}. */
    public static LabPki create(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=mip-aaa test CA");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, notBefore(), notAfter(), name,
                keys.getPublic());
        X509Certificate ca;
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
            ca = sign(builder, keys);
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException(e);
        }
        LabPki pki = new LabPki(dir, keys, ca);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        pki.write("trust", trust);
        return pki;
    }

    /** Issues {@code host}'s key and certificate with {@code usages} as its extended key usage (none: no extension). */
    public LabPki issue(String host, KeyPurposeId... usages) throws IOException, GeneralSecurityException {
        KeyPair keys = keyPair();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, new BigInteger(64, random).abs().add(BigInteger.TWO),
                notBefore(), notAfter(), new X500Name("CN=" + host), keys.getPublic());
        X509Certificate certificate;
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
            if (usages.length > 0) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usages));
            }
            certificate = sign(builder, caKeys);
        } catch (IOException | RuntimeException e) {
            throw new GeneralSecurityException(e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(host, keys.getPrivate(), password(host), new Certificate[] {certificate, ca});
        write(host, store);
        return this;
    }

    /** {@code <host>.p12}. */
    public Path keyStore(String host) {
        return dir.resolve(host + ".p12");
    }

    /** {@code <host>.pass}: the key store's password as text. */
    public Path passwordFile(String host) {
        return dir.resolve(host + ".pass");
    }

    public Path trustStore() {
        return keyStore("trust");
    }

    public Path trustPasswordFile() {
        return passwordFile("trust");
    }

    /** The JSSE context of {@code host}: its key, and the CA as the only trust anchor. */
    public SSLContext context(String host) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore(host), password(host)), password(host));
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(load(trustStore(), password("trust")));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private char[] password(String name) throws IOException {
        Path file = passwordFile(name);
        if (!Files.exists(file)) {
            byte[] secret = new byte[12];
            random.nextBytes(secret);
            Files.writeString(file, new BigInteger(1, secret).toString(36), StandardCharsets.US_ASCII);
        }
        return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
    }

    private void write(String name, KeyStore store) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(keyStore(name))) {
            store.store(out, password(name));
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(2)));
    }
}
