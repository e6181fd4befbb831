package org.mipaaa.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The command line: {@code node} runs one role as a process, {@code demo} runs them all in one JVM. */
@Command(name = "mip-aaa", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "DIAMETER applications for Mobile IP AAA (RFC 4004) on jDiameter.",
        subcommands = {NodeCommand.class, DemoCommand.class, PkiCommand.class, BenchCommand.class, BillingCommand.class,
                PresencePageCommand.class, ConfirmationCommand.class, ProbeCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
