package org.mipaaa.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;

/** A data file of config/ in {@code java.util.Properties} format, read as UTF-8 and parsed. */
public final class SettingsFile {

    private SettingsFile() {
    }

    /**
     * {@code parse} applied to {@code file}'s properties; a setting {@code parse} refuses (an
     * IllegalArgumentException) becomes an IOException naming the file.
     */
    public static <T> T load(Path file, Function<Properties, T> parse) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        try {
            return parse.apply(properties);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
