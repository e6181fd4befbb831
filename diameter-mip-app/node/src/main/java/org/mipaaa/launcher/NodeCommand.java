package org.mipaaa.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.mipaaa.install.RoleApplications;
import org.mipaaa.node.ConfigSource;
import org.mipaaa.node.DiameterNode;
import org.mipaaa.node.NodeSettings;
import org.mipaaa.role.Role;
import org.mipaaa.trace.FlowTrace;
import org.mipaaa.trace.JsonLinesTraceSink;
import org.mipaaa.trace.PrintTraceSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code node --role ROLE --config DIR}: one role as its own process, until it is stopped. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run one role as a DIAMETER node from its configuration directory (jdiameter.xml + node.properties).")
final class NodeCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--role", required = true, description = "One of: ${COMPLETION-CANDIDATES}.")
    private Role role;

    @Option(names = "--config", required = true, description = "The role's configuration directory, e.g. config/aaah.")
    private Path config;

    @Option(names = "--trace-json", description = "Also write the trace as JSON lines to this file.")
    private Path traceJson;

    @Option(names = "--quiet", description = "Do not print the trace on standard output.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        ConfigSource source = ConfigSource.of(config, Map.of());
        Role configured = NodeSettings.from(source).role();
        if (configured != role) {
            throw new ParameterException(spec.commandLine(),
                    config + " configures role " + configured + ", not " + role);
        }
        FlowTrace trace = new FlowTrace();
        if (!quiet) {
            trace.add(new PrintTraceSink(System.out));
        }
        JsonLinesTraceSink json = traceJson == null ? null : new JsonLinesTraceSink(traceJson);
        if (json != null) {
            trace.add(json);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DiameterNode node = DiameterNode.start(source, RoleApplications.STANDARD, trace);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            if (json != null) {
                try {
                    json.close();
                } catch (java.io.IOException e) {
                    // nothing more to do at shutdown
                }
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
