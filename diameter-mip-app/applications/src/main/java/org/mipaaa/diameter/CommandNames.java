package org.mipaaa.diameter;

import org.mipaaa.dictionary.ApplicationIds;
import org.mipaaa.dictionary.CommandDefinition;
import org.mipaaa.dictionary.Dictionary;

/** Short command names ("CER", "AMA", "PIR") for the trace, from the dictionary. */
public final class CommandNames {

    private final Dictionary dictionary;

    public CommandNames(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** The abbreviation of a command; its code with R/A when the dictionary does not know it. */
    public String abbreviation(long application, int code, boolean request) {
        return dictionary.command(application, code, request)
                .or(() -> dictionary.command(ApplicationIds.COMMON_MESSAGES, code, request))
                .map(CommandDefinition::abbreviation)
                .orElse(code + (request ? "-R" : "-A"));
    }
}
