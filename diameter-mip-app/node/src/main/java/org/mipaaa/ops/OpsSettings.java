package org.mipaaa.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.mipaaa.settings.Settings;

/**
 * The operations endpoint of a node, from {@code node.properties}.
 *
 * @param address    where it listens ({@code ops.address}, 127.0.0.1)
 * @param port       its TCP port ({@code ops.port}); 0 picks a free one; absent: no endpoint
 * @param readyPeers the peers that must be connected for the node to be ready ({@code ops.ready.peers},
 *                   DiameterIdentities, comma-separated; {@code a|b|c}: any one of them, such as the
 *                   members of a cluster); absent: every peer jdiameter.xml makes the node dial
 * @param jmx        the meters over JMX too ({@code ops.jmx}, true), domain {@code mip-aaa.<host>}
 * @param billing    an AAAH's billing resources on the endpoint ({@code ops.billing}, false): statements
 *                   and the period's CSV from the running node
 * @param billingClose and closing a billing period that has ended ({@code ops.billing.close}, false):
 *                   {@code POST /billing/close}, the one billing resource that writes
 * @param tls        HTTPS with the node's TLS keys, answering only clients with a certificate the node
 *                   trusts ({@code ops.tls}, false)
 */
public record OpsSettings(String address, Optional<Integer> port, Optional<List<Set<String>>> readyPeers, boolean jmx, boolean billing,
                          boolean billingClose, boolean tls) {

    public static OpsSettings from(Settings settings) {
        String port = settings.get("ops.port", "").strip();
        String peers = settings.get("ops.ready.peers", "").strip();
        return new OpsSettings(settings.get("ops.address", "127.0.0.1").strip(),
                port.isEmpty() ? Optional.empty() : Optional.of(port(settings, port)),
                peers.isEmpty() ? Optional.empty() : Optional.of(Arrays.stream(peers.split(","))
                        .map(group -> Arrays.stream(group.split("\\|")).map(p -> p.strip().toLowerCase(Locale.ROOT))
                                .filter(p -> !p.isEmpty()).collect(Collectors.toUnmodifiableSet()))
                        .filter(group -> !group.isEmpty()).toList()),
                settings.bool("ops.jmx", true), settings.bool("ops.billing", false), settings.bool("ops.billing.close", false),
                settings.bool("ops.tls", false));
    }

    private static int port(Settings settings, String value) {
        int port = settings.integer("ops.port", 0);
        if (port < 0 || port > 65535) {
            throw settings.invalid("ops.port", value, "a TCP port (0-65535)");
        }
        return port;
    }
}
