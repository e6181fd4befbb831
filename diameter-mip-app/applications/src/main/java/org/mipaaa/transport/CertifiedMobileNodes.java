package org.mipaaa.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peers connected now that were admitted as mobile nodes by their certificate (TLS, a certificate
 * for clients only, naming the Origin-Host of their CER). The node's peer policy gives them the
 * mobile-node kind and nothing more; a peer leaves the set when its connection closes.
 */
public final class CertifiedMobileNodes {

    /** Connections open per host: a node that reconnects before its old connection is seen closed stays in. */
    private final Map<String, Integer> hosts = new ConcurrentHashMap<>();

    void admitted(String host) {
        hosts.merge(host, 1, Integer::sum);
    }

    void gone(String host) {
        hosts.computeIfPresent(host, (h, n) -> n == 1 ? null : n - 1);
    }

    /** Whether {@code host} is connected now as a mobile node proven by its certificate. */
    public boolean contains(String host) {
        return host != null && hosts.containsKey(host.toLowerCase(java.util.Locale.ROOT));
    }
}
