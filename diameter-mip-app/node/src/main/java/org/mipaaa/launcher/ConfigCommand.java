package org.mipaaa.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.mipaaa.node.ConfigCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code config check DIR...}: what would stop a role from starting, found without starting it. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with a role's configuration directory.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check role configuration directories without starting anything: node.properties and jdiameter.xml"
                    + " present and readable, every key one the role knows (a typo is shown with the closest known key),"
                    + " every value valid, the files they name present.",
                    "Exit status 0 when every directory is fine, 1 when any has a problem (one line per problem)."})
    static final class Check implements Callable<Integer> {

        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DIR", description = "A role's configuration directory, e.g. config/aaah.")
        private List<Path> directories;

        @Override
        public Integer call() {
            java.io.PrintWriter out = spec.commandLine().getOut();
            int failing = 0;
            for (Path dir : directories) {
                List<String> problems = ConfigCheck.problems(dir);
                if (problems.isEmpty()) {
                    out.println(dir + ": OK");
                } else {
                    failing++;
                    problems.forEach(out::println);
                }
            }
            out.flush();
            return failing == 0 ? 0 : 1;
        }
    }
}
