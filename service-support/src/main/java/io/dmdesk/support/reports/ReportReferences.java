package io.dmdesk.support.reports;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The reference a citizen is given ({@code DMD-XXXX-XXXX}, Crockford base32; triage derives it from the report id),
 * accepted by every service wherever a report id is asked for. Read out on a phone it may come back in lower case
 * or with O for 0 and I or L for 1.
 */
public final class ReportReferences {

    private static final Pattern REFERENCE = Pattern.compile("(?i)DMD-[0-9A-Z]{4}-[0-9A-Z]{4}");

    private ReportReferences() {}

    /** A report reference rather than a report id (a UUID never has this shape). */
    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value.strip()).matches();
    }

    public static String normalise(String reference) {
        String code = reference
                .strip()
                .substring(4)
                .toUpperCase(Locale.ROOT)
                .replace('O', '0')
                .replace('I', '1')
                .replace('L', '1');
        return "DMD-" + code;
    }
}
