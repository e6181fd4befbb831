package org.mipaaa.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Issues a small private PKI for DIAMETER over TLS between nodes: one CA, and per host a key pair and
 * a certificate naming the host (subject CN and DNS subject alternative name, the identity a peer's
 * Origin-Host must match), for both TLS server and client use. For demos, tests and labs: a carrier
 * uses its own CA. Files written, in {@code dir}:
 * <ul>
 *   <li>{@code trust.p12} + {@code trust.pass}: the CA certificate, for every node's trust store;</li>
 *   <li>{@code <host>.p12} + {@code <host>.pass}: the host's key and certificate chain;</li>
 *   <li>{@code ca.pem}, {@code <host>.crt.pem}, {@code <host>.key.pem}: the same in PEM, for peers
 *       such as freeDiameter;</li>
 *   <li>with cluster members, {@code cluster-trust.p12} + {@code cluster-trust.pass} and per member
 *       {@code <member>.cluster.p12} + {@code .pass}: the keys of the members' JGroups links, from a CA
 *       of their own (state.cluster.tls.*), which no other certificate passes.</li>
 * </ul>
 * Passwords are random and only ever written to the {@code .pass} files (mode 600 where the file
 * system allows it). Keys are ECDSA P-256.
 */
public final class PkiIssuer {

    private static final Duration VALIDITY = Duration.ofDays(730);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final SecureRandom random = new SecureRandom();
    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    /** The file, without its ending, of the cluster members' trust store. */
    public static final String CLUSTER_TRUST = "cluster-trust";

    private PkiIssuer(Path dir, KeyPair caKeys, X509Certificate caCertificate) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /** A new CA named {@code caName}, its trust store written to {@code dir}. */
    public static PkiIssuer newCa(Path dir, String caName) throws IOException, GeneralSecurityException {
        return newCa(dir, caName, "trust", true);
    }

    /** A new CA, its trust store written to {@code <trustFileBase>.p12} (and its certificate to ca.pem with {@code pem}). */
    private static PkiIssuer newCa(Path dir, String caName, String trustFileBase, boolean pem) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=" + caName);
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate ca = sign(builder, keys);
            PkiIssuer issuer = new PkiIssuer(dir, keys, ca);
            issuer.writeTrustStore(trustFileBase);
            if (pem) {
                issuer.writePem(dir.resolve("ca.pem"), ca);
            }
            return issuer;
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Issues the key and certificate of each host into {@code dir}. */
    public void issue(List<String> hosts) throws IOException, GeneralSecurityException {
        for (String host : hosts) {
            issue(host);
        }
    }

    /** A node's key and certificate: a server and a client of TLS (it accepts peers and dials them). */
    public void issue(String host) throws IOException, GeneralSecurityException {
        issue(host, new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth});
    }

    /**
     * A mobile node's key and certificate: a TLS client only (no serverAuth), so it can never pass for a
     * server of the network, which is also how the nodes tell a mobile node's certificate (transport.mobile.nodes).
     */
    public void issueMobileNode(String host) throws IOException, GeneralSecurityException {
        issue(host, new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth});
    }

    private void issue(String host, KeyPurposeId[] purposes) throws IOException, GeneralSecurityException {
        issue(host, purposes, host);
    }

    /** Issues {@code host}'s key and certificate into the files {@code <fileBase>.p12}, {@code .pass}, {@code .crt.pem}, {@code .key.pem}. */
    private void issue(String host, KeyPurposeId[] purposes, String fileBase) throws IOException, GeneralSecurityException {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)),
                    new X500Name("CN=" + host), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, host)))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, caKeys);
            char[] password = newPassword();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(host, keys.getPrivate(), password, new Certificate[] {certificate, caCertificate});
            write(dir.resolve(fileBase + ".p12"), store, password);
            writeSecret(dir.resolve(fileBase + ".pass"), password);
            writePem(dir.resolve(fileBase + ".crt.pem"), certificate);
            writePem(dir.resolve(fileBase + ".key.pem"), completePkcs8(keys));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /**
     * The keys of a cluster's JGroups links, from a CA of their own ({@code caName} "(cluster)"), so that
     * no other certificate of this PKI passes: {@code cluster-trust.p12} + {@code .pass} (that CA) and per
     * member {@code <member>.cluster.p12} + {@code .pass}. Not this PKI's CA with the members' certificates
     * as anchors: a TLS 1.3 server names its trusted CAs, and a client whose chain ends at none of them
     * sends no certificate.
     */
    public void issueClusterMembers(String caName, List<String> members) throws IOException, GeneralSecurityException {
        PkiIssuer cluster = newCa(dir, caName + " (cluster)", CLUSTER_TRUST, false);
        for (String member : members) {
            cluster.issue(member, new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}, member + ".cluster");
        }
    }

    private void writeTrustStore(String fileBase) throws IOException, GeneralSecurityException {
        char[] password = newPassword();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCertificate);
        write(dir.resolve(fileBase + ".p12"), trust, password);
        writeSecret(dir.resolve(fileBase + ".pass"), password);
    }

    private static void write(Path file, KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(ownerOnly(file))) {
            store.store(out, password);
        }
    }

    private static void writeSecret(Path file, char[] secret) throws IOException {
        Files.writeString(ownerOnly(file), new String(secret) + "\n", StandardCharsets.UTF_8);
    }

    private void writePem(Path file, Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(object);
        }
        // a private key is never readable by others, not even for the moment between writing and chmod
        Files.writeString(object instanceof PemObject ? ownerOnly(file) : file, text.toString(), StandardCharsets.US_ASCII);
    }

    /**
     * The private key as PKCS#8 holding a complete SEC 1 ECPrivateKey (curve and public key included):
     * the JDK's own encoding leaves both out, which GnuTLS (freeDiameter) and OpenSSL refuse.
     */
    private static PemObject completePkcs8(KeyPair keys) throws IOException {
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        BigInteger secret = ((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret,
                publicKey.getPublicKeyData(), publicKey.getAlgorithm().getParameters());
        return new PemObject("PRIVATE KEY", new PrivateKeyInfo(publicKey.getAlgorithm(), sec1).getEncoded());
    }

    /**
     * {@code file}, new and empty, readable and writable by its owner only from the start (an existing
     * one is replaced); on a file system without POSIX permissions the directory's own protection has to do.
     */
    private static Path ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).abs().add(BigInteger.ONE);
    }

    private char[] newPassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    /** For callers that want a PKI in one call: nodes only. */
    public static void issueAll(Path dir, String caName, List<String> hosts) {
        issueAll(dir, caName, hosts, List.of());
    }

    /** A CA, a key and certificate for each node of {@code hosts} and for each mobile node of {@code mobileNodes}. */
    public static void issueAll(Path dir, String caName, List<String> hosts, List<String> mobileNodes) {
        issueAll(dir, caName, hosts, mobileNodes, List.of());
    }

    /** As {@link #issueAll(Path, String, List, List)}, and the JGroups keys of {@code clusterMembers}, from a CA of their own, if any. */
    public static void issueAll(Path dir, String caName, List<String> hosts, List<String> mobileNodes, List<String> clusterMembers) {
        try {
            PkiIssuer ca = newCa(dir, caName);
            ca.issue(hosts);
            for (String mobileNode : mobileNodes) {
                ca.issueMobileNode(mobileNode);
            }
            if (!clusterMembers.isEmpty()) {
                ca.issueClusterMembers(caName, clusterMembers);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue certificates", e);
        }
    }
}
