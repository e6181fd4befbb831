package org.mipaaa.registration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.mipaaa.settings.Settings;

/**
 * The registration settings of a node, from its {@code node.properties}:
 * <ul>
 * <li>{@code subscribers.file}: the AAAH's subscriber file ({@link SubscriberProvisioning}), relative
 *     to the node's configuration directory; unset on nodes that have no subscribers;</li>
 * <li>{@code home.address.pool}: the AAAH's dynamic home addresses, {@code first-last}
 *     ({@link AddressRange}); unset: the AAAH allocates none (RFC 4004 §3.1: then the home agent
 *     does);</li>
 * <li>{@code identification.tolerance.ms}: the home agent's clock tolerance for timestamp
 *     Identifications ({@link IdentificationCheck}; RFC 5944 §5.7.1, 7000 by default).</li>
 * </ul>
 *
 * @param subscribersFile         the subscriber file, if any
 * @param homeAddressPool         the dynamic home address pool, if any
 * @param identificationTolerance the Identification clock tolerance
 */
public record RegistrationSettings(Optional<Path> subscribersFile, Optional<AddressRange> homeAddressPool,
                                   Duration identificationTolerance) {

    public static RegistrationSettings from(Settings config) {
        String file = config.get("subscribers.file", "").strip();
        String pool = config.get("home.address.pool", "").strip();
        long toleranceMs = config.longValue("identification.tolerance.ms", IdentificationCheck.DEFAULT_TOLERANCE.toMillis());
        return new RegistrationSettings(
                file.isEmpty() ? Optional.empty() : Optional.of(config.directory().resolve(file).normalize()),
                pool.isEmpty() ? Optional.empty() : Optional.of(AddressRange.parse(pool)),
                Duration.ofMillis(toleranceMs));
    }
}
