package org.mipaaa.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mipaaa.lab.Topology;
import org.mipaaa.pki.PkiIssuer;
import org.mipaaa.role.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki}: a lab CA and a key + certificate per node, for DIAMETER over TLS between the nodes. */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Issue a lab PKI (a CA, and per host an ECDSA key and certificate naming the host) into a directory, "
                + "as the nodes' tls.* settings expect it. For labs and tests: a carrier uses its own CA.")
final class PkiCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Directory to write into (the nodes' tls.dir).")
    private Path out;

    @Option(names = "--host", description = "A node to issue for (repeatable). Default: every role of --config.")
    private List<String> hosts;

    @Option(names = "--mobile-node", description = "A mobile node's agent to issue for (repeatable): a certificate for TLS clients only.")
    private List<String> mobileNodes;

    @Option(names = "--cluster-member", description = "A member of a cluster of AAAHs (repeatable): a key for its JGroups links "
            + "(<member>.cluster.p12) from a CA of the members only (cluster-trust.p12; state.cluster.tls.*); issued as a host too.")
    private List<String> clusterMembers;

    @Option(names = "--config", defaultValue = "config", description = "Role configurations to take the hosts from (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--ca-name", defaultValue = "mip-aaa lab CA", description = "Common name of the CA (default: ${DEFAULT-VALUE}).")
    private String caName;

    @Override
    public Integer call() {
        List<String> names = hosts != null && !hosts.isEmpty() ? hosts : Topology.hosts(config, EnumSet.allOf(Role.class), Map.of());
        List<String> agents = mobileNodes == null ? List.of() : mobileNodes;
        List<String> members = clusterMembers == null ? List.of() : clusterMembers;
        List<String> all = new ArrayList<>(names);
        members.stream().filter(m -> !all.contains(m)).forEach(all::add);
        PkiIssuer.issueAll(out, caName, all, agents, members);
        System.out.println("Issued a CA (" + out.resolve("trust.p12") + ") and keys for " + String.join(", ", all)
                + (agents.isEmpty() ? "" : " and the mobile nodes " + String.join(", ", agents))
                + (members.isEmpty() ? "" : "; the cluster members' CA " + out.resolve(PkiIssuer.CLUSTER_TRUST + ".p12")
                        + " and their JGroups keys"));
        return 0;
    }
}
