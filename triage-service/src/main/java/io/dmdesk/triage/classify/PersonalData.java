package io.dmdesk.triage.classify;

import io.dmdesk.contracts.EntitySpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data that can be recognised by its form (e-mail addresses, phone numbers) and replaces each
 * span by its type. Context-dependent data (names, addresses) and check-digit identifiers come with the
 * full recogniser set.
 */
final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    // UK (07..., +44 7...) and Norwegian (+47 / 0047 + 8 digits) phone numbers, with common separators.
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+])(?:(?:\\+|00)44\\s?7\\d{3}|07\\d{3})[\\s-]?\\d{3}[\\s-]?\\d{3}(?!\\d)"
                    + "|(?<![\\w+])(?:(?:\\+|00)47[\\s-]?)?[49]\\d{2}[\\s-]?\\d{2}[\\s-]?\\d{3}(?!\\d)");

    static List<EntitySpan> find(String text) {
        List<EntitySpan> spans = new ArrayList<>();
        collect(EMAIL, "EMAIL", 0.95, "email-pattern", text, spans);
        collect(PHONE, "PHONE", 0.8, "phone-pattern", text, spans);
        spans.sort(Comparator.comparingInt(EntitySpan::start));
        List<EntitySpan> disjoint = new ArrayList<>();
        int end = -1;
        for (EntitySpan s : spans) {
            if (s.start() >= end) {
                disjoint.add(s);
                end = s.end();
            }
        }
        return disjoint;
    }

    static String redact(String text, List<EntitySpan> spans) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (EntitySpan s : spans) {
            out.append(text, at, s.start()).append('[').append(s.type()).append(']');
            at = s.end();
        }
        return out.append(text.substring(at)).toString();
    }

    private static void collect(Pattern p, String type, double confidence, String recogniser, String text,
                                List<EntitySpan> into) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            into.add(new EntitySpan(type, m.start(), m.end(), confidence, recogniser));
        }
    }

    private PersonalData() {
    }
}
