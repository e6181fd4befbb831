package org.mipaaa.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.mipaaa.presence.web.PageSettings;
import org.mipaaa.presence.web.PresencePage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code presence-page --config FILE}: the presence page as its own process, until it is stopped. */
@Command(name = "presence-page", mixinStandardHelpOptions = true,
        description = "Serve the presence page (seed Fig. 20): receives the home agents' signed notifications and shows "
                + "one icon per terminal that follows its state without a reload.")
final class PresencePageCommand implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "config/www/presence-page.properties",
            description = "The page's settings (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--port", description = "Listen on this port instead of listen.port (0: a free one).")
    private Integer port;

    @Override
    public Integer call() throws Exception {
        PageSettings settings = PageSettings.load(config);
        if (port != null) {
            settings = settings.withPort(port);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        PresencePage page = PresencePage.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            page.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("Presence page: " + page.url() + "  (home agents POST to " + page.notificationUrl() + ")");
        stopped.await();
        return 0;
    }
}
