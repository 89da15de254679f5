package io.dmdesk.triage.pii;

import io.dmdesk.contracts.EntitySpan;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail and IP addresses: recognisable by form alone. */
final class FormRecogniser implements Recogniser {

    private static final Pattern EMAIL =
            Pattern.compile("(?<![\\w.+-])[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[A-Za-z]{2,24}(?![\\w-])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d]|\\.\\d)");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\\w:])|(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:?){1,6}(?![\\w:])");
    private static final Pattern VERSION_CUE = Pattern.compile("(?i)(version|ver\\.?|v)\\s*$");

    @Override
    public void find(Words words, List<EntitySpan> into) {
        String text = words.text;
        if (text.indexOf('@') >= 0) {
            Matcher m = EMAIL.matcher(text);
            while (m.find()) {
                into.add(new EntitySpan("EMAIL", m.start(), m.end(), 0.99, "email-form"));
            }
        }
        if (words.hasDigit && text.indexOf('.') >= 0) {
            Matcher m = IPV4.matcher(text);
            while (m.find()) {
                // "version 1.2.3.4" is a version, not an address.
                if (!VERSION_CUE
                        .matcher(text.substring(Math.max(0, m.start() - 10), m.start()))
                        .find()) {
                    into.add(new EntitySpan("IP_ADDRESS", m.start(), m.end(), 0.85, "ipv4-form"));
                }
            }
        }
        if (text.chars().filter(c -> c == ':').count() >= 2) {
            Matcher m = IPV6.matcher(text);
            while (m.find()) {
                if (m.group().chars().filter(c -> c == ':').count() >= 3) {
                    into.add(new EntitySpan("IP_ADDRESS", m.start(), m.end(), 0.8, "ipv6-form"));
                }
            }
        }
    }
}
