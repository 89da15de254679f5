package io.dmdesk.triage.rules;

/** A rule file that cannot be used. The message names the file and the entry, so a force can fix it. */
public class RuleConfigException extends RuntimeException {

    public RuleConfigException(String file, String entry, String problem) {
        super("Invalid triage rules in " + file + " at " + entry + ": " + problem);
    }

    public RuleConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
