package org.mipaaa.mobileip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** Reads the data files under src/test/resources/mobileip. */
final class TestData {

    private TestData() {
    }

    /** The .properties files of a resource directory, sorted by name. */
    static List<Path> files(String resourceDirectory) {
        URL url = TestData.class.getClassLoader().getResource(resourceDirectory);
        if (url == null) {
            throw new IllegalStateException("no test resource directory " + resourceDirectory);
        }
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("no data files in " + resourceDirectory);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Properties load(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Hex digits, whitespace ignored; "-" or "" is no bytes. */
    static byte[] hex(String text) {
        String h = text.replaceAll("\\s+", "");
        return h.equals("-") ? new byte[0] : HexFormat.of().parseHex(h);
    }

    static String name(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".properties".length());
    }
}
