package org.mipaaa.mobileip;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.mipaaa.mobileip.auth.AuthAlgorithm;
import org.mipaaa.mobileip.auth.MnAaaAlgorithm;
import org.mipaaa.mobileip.auth.MnAaaSecurityAssociation;
import org.mipaaa.mobileip.auth.MobilitySecurityAssociation;

/**
 * One golden vector file of src/test/resources/mobileip/vectors: the message bytes ({@code hex}),
 * the fields they stand for ({@code message}, fixed-part keys, {@code ext.N}), the keys of their
 * authenticators ({@code auth.N}) and how far tshark can decode them ({@code tshark}).
 */
final class GoldenVector {

    final String name;
    final Properties props;
    final byte[] bytes;
    final RegistrationMessage message;
    final List<Extension> extensions;
    /** Extension index -> the key that computes its authenticator. */
    final Map<Integer, AuthenticationKey> keys = new TreeMap<>();
    /** How many leading extensions tshark 4.0 decodes; all of them unless the file says "before N". */
    final int tsharkExtensions;

    private GoldenVector(Path file) {
        name = TestData.name(file);
        props = TestData.load(file);
        bytes = TestData.hex(props.getProperty("hex"));
        message = fixedPart();
        extensions = new ArrayList<>();
        for (int i = 0; props.containsKey("ext." + i); i++) {
            extensions.add(extension(props.getProperty("ext." + i).trim().split("\\s+", -1)));
        }
        for (int i = 0; i < extensions.size(); i++) {
            String spec = props.getProperty("auth." + i);
            if (spec != null) {
                keys.put(i, key(spec.trim().split("\\s+"), (AuthenticationExtension) extensions.get(i)));
            }
        }
        String tshark = props.getProperty("tshark", "all").trim();
        tsharkExtensions = tshark.equals("all") ? extensions.size() : Integer.parseInt(tshark.substring("before ".length()));
    }

    static List<GoldenVector> all() {
        return TestData.files("mobileip/vectors").stream().map(GoldenVector::new).toList();
    }

    @Override
    public String toString() {
        return name;
    }

    private RegistrationMessage fixedPart() {
        int lifetime = Integer.parseInt(props.getProperty("lifetime"));
        long identification = Long.parseUnsignedLong(props.getProperty("identification"), 16);
        if (props.getProperty("message").equals("request")) {
            int flags = 0;
            for (char c : props.getProperty("flags").replace("-", "").toCharArray()) {
                flags |= switch (c) {
                    case 'S' -> RequestFlag.SIMULTANEOUS_BINDINGS.mask();
                    case 'B' -> RequestFlag.BROADCAST_DATAGRAMS.mask();
                    case 'D' -> RequestFlag.DECAPSULATION_BY_MOBILE_NODE.mask();
                    case 'M' -> RequestFlag.MINIMAL_ENCAPSULATION.mask();
                    case 'G' -> RequestFlag.GRE_ENCAPSULATION.mask();
                    case 'r' -> RequestFlag.RESERVED_R.mask();
                    case 'T' -> RequestFlag.REVERSE_TUNNELING.mask();
                    case 'x' -> RequestFlag.RESERVED_X.mask();
                    default -> throw new IllegalArgumentException("flag " + c);
                };
            }
            return new RegistrationRequest(flags, lifetime, ip("homeAddress"), ip("homeAgent"), ip("careOfAddress"),
                    identification);
        }
        return new RegistrationReply(Integer.parseInt(props.getProperty("code")), lifetime, ip("homeAddress"),
                ip("homeAgent"), identification);
    }

    private java.net.Inet4Address ip(String key) {
        return Ipv4.parse(props.getProperty(key).trim());
    }

    private static Extension extension(String[] f) {
        return switch (f[0]) {
            case "nai" -> new MobileNodeNai(f[1]);
            case "challenge" -> new MnFaChallenge(TestData.hex(f[1]));
            case "mnFaKeyRequest" -> new MnFaKeyGenerationNonceRequest(Long.parseLong(f[1]));
            case "mnHaKeyRequest" -> new MnHaKeyGenerationNonceRequest(Long.parseLong(f[1]));
            case "mnFaKeyReply" -> new MnFaKeyGenerationNonceReply(Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Integer.parseInt(f[4]), TestData.hex(f[5]));
            case "mnHaKeyReply" -> new MnHaKeyGenerationNonceReply(Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]), TestData.hex(f[6]));
            case "mobileHome" -> new MobileHomeAuthentication(Long.parseLong(f[1]), TestData.hex(f[2]));
            case "mobileForeign" -> new MobileForeignAuthentication(Long.parseLong(f[1]), TestData.hex(f[2]));
            case "foreignHome" -> new ForeignHomeAuthentication(Long.parseLong(f[1]), TestData.hex(f[2]));
            case "mnAaa" -> new GeneralizedMnAaaAuthentication(Long.parseLong(f[1]), TestData.hex(f[2]));
            case "cvse" -> new CriticalVendorExtension(Long.parseLong(f[1]), Integer.parseInt(f[2]), TestData.hex(f[3]));
            case "nvse" -> new NormalVendorExtension(Long.parseLong(f[1]), Integer.parseInt(f[2]), TestData.hex(f[3]));
            case "unknown" -> new UnknownExtension(Integer.parseInt(f[1]), TestData.hex(f[2]));
            case "padding" -> new OneBytePadding();
            default -> throw new IllegalArgumentException("extension kind " + f[0]);
        };
    }

    private static AuthenticationKey key(String[] spec, AuthenticationExtension ext) {
        byte[] key = TestData.hex(spec[1]);
        return switch (spec[0]) {
            case "HMAC-MD5" -> new MobilitySecurityAssociation(ext.spi(), AuthAlgorithm.HMAC_MD5, key);
            case "HMAC-SHA1" -> new MobilitySecurityAssociation(ext.spi(), AuthAlgorithm.HMAC_SHA1, key);
            case "KEYED-MD5" -> new MobilitySecurityAssociation(ext.spi(), AuthAlgorithm.KEYED_MD5_PREFIX_SUFFIX, key);
            case "MN-AAA-HMAC-MD5" -> new MnAaaSecurityAssociation(ext.spi(), MnAaaAlgorithm.HMAC_MD5, key)
                    .forChallenge(MnAaaSecurityAssociation.COLOCATED_CHALLENGE);
            case "MN-AAA-CHAP" -> new MnAaaSecurityAssociation(ext.spi(), MnAaaAlgorithm.CHAP_MD5, key)
                    .forChallenge(TestData.hex(spec[2]));
            default -> throw new IllegalArgumentException("algorithm " + spec[0]);
        };
    }
}
