package io.dmdesk.triage.pii;

import io.dmdesk.contracts.EntitySpan;
import io.dmdesk.triage.rules.Lexicon;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Every recogniser over one text, overlaps resolved: where two spans overlap, the more confident one stays (a
 * validated card number beats a phone-shaped part of it), and on a tie the longer one. Context words come from
 * the rule files, so a force can add street words or name cues without a rebuild.
 */
public final class PersonalDataScanner {

    private static final Comparator<EntitySpan> PREFERRED = Comparator.comparingDouble(EntitySpan::confidence)
            .reversed()
            .thenComparing(Comparator.comparingInt((EntitySpan s) -> s.end() - s.start())
                    .reversed());

    private final List<Recogniser> recognisers;

    public PersonalDataScanner(Lexicon lexicon) {
        recognisers = List.of(
                new FormRecogniser(),
                new NumberRecogniser(
                        lexicon.piiContext("phone_cues"), lexicon.piiContext("account_cues"), referenceCues()),
                new CodeRecogniser(lexicon.piiContext("plate_cues")),
                new DateOfBirthRecogniser(lexicon.piiContext("dob_cues")),
                new AddressRecogniser(lexicon.piiContext("street_types"), lexicon.piiContext("street_suffixes")),
                new NameRecogniser(
                        lexicon.piiContext("name_cues"),
                        lexicon.piiContext("titles"),
                        lexicon.piiContext("first_names"),
                        lexicon.piiContext("not_names")));
    }

    /** Words before a number that make it a reference, not a phone number. */
    private static Set<String> referenceCues() {
        return Set.of(
                "order",
                "ordre",
                "ref",
                "reference",
                "referanse",
                "saksnummer",
                "case number",
                "tracking",
                "sporing",
                "kid",
                "faktura",
                "invoice",
                "kundenummer",
                "customer number",
                "#",
                "booking",
                "parcel",
                "pakke",
                "crime number",
                "incident",
                "sak ",
                "ticket");
    }

    /** Disjoint spans in text order. */
    public List<EntitySpan> find(String text) {
        List<EntitySpan> all = new ArrayList<>();
        Words words = new Words(text);
        for (Recogniser r : recognisers) {
            r.find(words, all);
        }
        if (all.size() <= 1) {
            return all;
        }
        all.sort(PREFERRED);
        List<EntitySpan> kept = new ArrayList<>();
        for (EntitySpan s : all) {
            boolean free = true;
            for (EntitySpan k : kept) {
                if (s.start() < k.end() && k.start() < s.end()) {
                    free = false;
                    break;
                }
            }
            if (free) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparingInt(EntitySpan::start));
        return kept;
    }

    /** The text with each span replaced by {@code [TYPE]}: what operators and logs see by default. */
    public static String redact(String text, List<EntitySpan> spans) {
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (EntitySpan s : spans) {
            out.append(text, at, s.start()).append('[').append(s.type()).append(']');
            at = s.end();
        }
        return out.append(text, at, text.length()).toString();
    }
}
