package org.mipaaa.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.mipaaa.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: every role in one JVM on loopback, the flow trace printed as it happens. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start every role (FA, AAAF, AAAH, HA, AAAY, shop terminal) as its own jDiameter stack on "
                + "loopback TCP with embedded Infinispan, and play the scenarios with a flow trace.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "config", description = "Directory with one sub-directory per role (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--trace-json", description = "Also write the trace as JSON lines to this file.")
    private Path traceJson;

    @Override
    public Integer call() throws Exception {
        return new Demo(config, System.out, traceJson).run() ? 0 : 1;
    }
}
