package io.dmdesk.sandbox.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A public message to a monitored account has to mention it. The sandbox adds the mention only when the
 * citizen did not write it themselves: a citizen who typed {@code @PCJones ...} gets it once, not twice.
 */
public final class Mentions {

    private Mentions() {}

    /** Where {@code text} mentions {@code @handle} (any case, as a whole handle), else null. */
    public static Matcher find(String text, String handle) {
        // Not a longer handle: no handle character after it, nor a dot that continues a domain (Bluesky handles).
        Matcher m = Pattern.compile(
                        "(?<![A-Za-z0-9_@])@" + Pattern.quote(handle) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text);
        return m.find() ? m : null;
    }

    public static boolean mentions(String text, String handle) {
        return find(text, handle) != null;
    }

    /** The text as posted: unchanged when it mentions the account already, else with the mention first. */
    public static String addressed(String text, String handle) {
        return mentions(text, handle) ? text : "@" + handle + " " + text;
    }
}
