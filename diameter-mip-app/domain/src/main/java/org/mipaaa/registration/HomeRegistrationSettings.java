package org.mipaaa.registration;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.settings.Settings;

/**
 * The home side's settings of Mobile IP registration (seed S104-S106), from {@code node.properties}:
 * <ul>
 * <li>{@code registration.home.agent.host}: (AAAH) the DiameterIdentity of the home agent the HAR
 *     goes to (RFC 4004 §5.3: Destination-Host);</li>
 * <li>{@code registration.home.agent.address}: the home agent's IPv4 address: on the AAAH what goes
 *     into MIP-Home-Agent-Address when the subscriber has no home agent of its own; on the HA its
 *     own address, written in the Registration Reply (RFC 5944 §3.4);</li>
 * <li>{@code registration.lifetime.max.s}: the longest registration lifetime granted, in seconds
 *     (Authorization-Lifetime on the AAAH, the reply's Lifetime on the HA; RFC 4004 §8.1);</li>
 * <li>{@code registration.key.lifetime.s}: (AAAH) MIP-MSA-Lifetime of the session keys, at least the
 *     authorization lifetime (RFC 4004 §8.1), and the Lifetime of the key generation nonce reply
 *     extensions (RFC 3957 §6).</li>
 * <li>{@code registration.home.agent.timeout.ms}: (AAAH) how long it waits for the HAA before it answers
 *     4006 DIAMETER_ERROR_HA_NOT_AVAILABLE; 3000 by default. It must be shorter than the time the
 *     AAAF (and FA) wait for the AMA ({@code request.timeout.ms}, 5000), or they give up first.</li>
 * <li>{@code registration.home.agents}: (AAAH) the realm's other home agents, "host address, host
 *     address": a registration goes to one of them when the mobile node names its address in the
 *     Registration Request or the AMR names its host in MIP-Home-Agent-Host (RFC 4004 §5.1), else to
 *     {@code registration.home.agent.host}. Each must be a configured peer of role HA.</li>
 * </ul>
 */
public record HomeRegistrationSettings(Optional<String> homeAgentHost, Optional<Inet4Address> homeAgentAddress,
                                       Duration maxLifetime, Duration keyLifetime, Duration homeAgentTimeout,
                                       List<HomeAgent> otherHomeAgents) {

    /** A home agent of the realm: its DiameterIdentity (the HAR's Destination-Host) and its address. */
    public record HomeAgent(String host, Inet4Address address) {
        public HomeAgent {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(address, "address");
        }
    }

    /** The settings of a realm with one home agent. */
    public HomeRegistrationSettings(Optional<String> homeAgentHost, Optional<Inet4Address> homeAgentAddress, Duration maxLifetime,
                                    Duration keyLifetime, Duration homeAgentTimeout) {
        this(homeAgentHost, homeAgentAddress, maxLifetime, keyLifetime, homeAgentTimeout, List.of());
    }

    public HomeRegistrationSettings {
        otherHomeAgents = List.copyOf(otherHomeAgents);
        if (maxLifetime.isNegative() || maxLifetime.getSeconds() > 0xFFFE) {
            throw new IllegalArgumentException("registration.lifetime.max.s must be 0..65534, not " + maxLifetime.getSeconds());
        }
        if (homeAgentTimeout.isNegative() || homeAgentTimeout.isZero()) {
            throw new IllegalArgumentException("registration.home.agent.timeout.ms must be positive");
        }
        if (keyLifetime.compareTo(maxLifetime) < 0) {
            throw new IllegalArgumentException("registration.key.lifetime.s must be at least registration.lifetime.max.s (RFC 4004 §8.1)");
        }
    }

    public static HomeRegistrationSettings from(Settings config) {
        String host = config.get("registration.home.agent.host", "").strip();
        String address = config.get("registration.home.agent.address", "").strip();
        Duration max = Duration.ofSeconds(config.longValue("registration.lifetime.max.s", 1800));
        Duration keys = Duration.ofSeconds(config.longValue("registration.key.lifetime.s", max.getSeconds()));
        Duration timeout = config.millis("registration.home.agent.timeout.ms", 3000);
        List<HomeAgent> others = new ArrayList<>();
        for (String entry : config.get("registration.home.agents", "").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] hostAndAddress = entry.strip().split("\\s+");
            if (hostAndAddress.length != 2) {
                throw new IllegalArgumentException("registration.home.agents: \"" + entry.strip() + "\" is not \"host address\"");
            }
            others.add(new HomeAgent(hostAndAddress[0], Ipv4.parse(hostAndAddress[1])));
        }
        return new HomeRegistrationSettings(host.isEmpty() ? Optional.empty() : Optional.of(host),
                address.isEmpty() ? Optional.empty() : Optional.of(Ipv4.parse(address)), max, keys, timeout, others);
    }

    /** The other home agent of DiameterIdentity {@code host} (case-insensitive, RFC 6733 §4.3.1). */
    public Optional<HomeAgent> otherHomeAgentNamed(String host) {
        return otherHomeAgents.stream().filter(h -> h.host().equalsIgnoreCase(host)).findFirst();
    }

    /** The other home agent at {@code address}. */
    public Optional<HomeAgent> otherHomeAgentAt(Inet4Address address) {
        return otherHomeAgents.stream().filter(h -> h.address().equals(address)).findFirst();
    }

    /** Whether {@code host} is one of the realm's home agents. */
    public boolean isHomeAgent(String host) {
        return homeAgentHost.filter(h -> h.equalsIgnoreCase(host)).isPresent() || otherHomeAgentNamed(host).isPresent();
    }

    /** The lifetime granted for a requested one: the smaller of the two (RFC 5944 §3.8.3.1). */
    public int grantedLifetime(int requestedSeconds) {
        return (int) Math.min(requestedSeconds, maxLifetime.getSeconds());
    }
}
