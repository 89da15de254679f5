package io.dmdesk.sandbox.state;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one timestamp format of the sandbox: X's, ISO-8601 UTC with millis and Z. Not Instant.toString, which
 * drops zero millis and prints nanos.
 */
public final class Timestamps {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
