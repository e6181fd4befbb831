package org.mipaaa.launcher;

import org.mipaaa.node.ConfigCheck;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The command line: {@code node} runs one role as a process, {@code demo} runs them all in one JVM. */
@Command(name = "mip-aaa", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "DIAMETER applications for Mobile IP AAA (RFC 4004) on jDiameter.",
        subcommands = {NodeCommand.class, DemoCommand.class, PkiCommand.class, BenchCommand.class, BillingCommand.class,
                PresencePageCommand.class, ConfirmationCommand.class, ProbeCommand.class, ConfigCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line: a command that fails prints one line saying what failed (each cause's message),
     * not a stack trace; the trace goes to the log at DEBUG (logger org.mipaaa.launcher).
     */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setCaseInsensitiveEnumValuesAllowed(true); // --role aaah, as a systemd instance name writes it
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println("mip-aaa " + failed.getCommandName() + ": " + ConfigCheck.message(e));
            LoggerFactory.getLogger(Main.class).debug("{} failed", failed.getCommandName(), e);
            return 1;
        });
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
