package io.dmdesk.triage.rules;

import java.util.Set;

/** The signal groups a rule file may fill. Anything else is a typo, and start-up stops on it. */
public final class Signals {

    /** Harm to a person that is by its wording happening now ("is stabbing", "not breathing", "kicking my door"). */
    public static final String DANGER_NOW = "danger_now";
    /** Harm to a person whose time the wording does not tell ("stabbed", "hit me", "pulled a knife"). */
    public static final String DANGER = "danger";
    /** Intent to end one's life or self-harm, of the writer or someone else. */
    public static final String SELF_HARM = "self_harm";
    /** Welfare worries without explicit intent ("suicidal", "not been seen", "vulnerable"). */
    public static final String WELFARE = "welfare";

    public static final String NOW = "now";
    /** Weak present-tense cues ("someone is", "han er"): they make time-neutral danger current unless a past cue says otherwise. */
    public static final String PRESENT = "present";
    /** Habitual wording ("every night", "hver dag"): ongoing, hence urgent, but not by itself happening this minute. */
    public static final String HABITUAL = "habitual";

    public static final String PAST = "past";
    public static final String RECENT = "recent";
    /** Figurative phrases whose words look dangerous ("killing me", "drepe meg av latter"): they cancel danger terms they overlap. */
    public static final String FIGURATIVE = "figurative";
    /** Laughter and jokes ("lol", "😂"): a single danger term in a laughing message is not an emergency. */
    public static final String LAUGHTER = "laughter";

    public static final String NEGATION = "negation";
    /** Phrases containing a negation word that do not negate ("won't stop", "can't breathe"). */
    public static final String NOT_NEGATION = "not_negation";

    public static final String QUESTION = "question";
    /** Harassment or threats that go on ("keeps messaging", "every day"). */
    public static final String ONGOING = "ongoing";
    /** Fraud where money is still moving. */
    public static final String MONEY_MOVING = "money_moving";
    /** Fear of someone ("scared to go home", "he gets angry"): an indirect report of danger. */
    public static final String FEAR = "fear";
    /** A vulnerable person (a child, dementia, disability). */
    public static final String VULNERABLE = "vulnerable";

    public static final String MISSING = "missing";
    /** Someone identifiable who is accused ("my neighbour", "naboen"): a criminal allegation with a category. */
    public static final String ACCUSED = "accused";
    /** Hypotheticals and reports about fiction/news ("in the film", "what if"). */
    public static final String HYPOTHETICAL = "hypothetical";

    /**
     * Weak alarm cues (single danger words, distress emoji, "help", "please come", goodbye words). One means
     * little; several together are an emergency nobody wrote a phrase for. Weighted, see UrgencyDecider.
     */
    public static final String ALARM = "alarm";
    /** A partner or family member as the one doing harm ("my husband", "samboeren min"): domestic abuse. */
    public static final String PARTNER = "partner";

    public static final Set<String> ALL = Set.of(
            DANGER_NOW,
            DANGER,
            SELF_HARM,
            WELFARE,
            NOW,
            PAST,
            RECENT,
            FIGURATIVE,
            LAUGHTER,
            NEGATION,
            NOT_NEGATION,
            QUESTION,
            ONGOING,
            MONEY_MOVING,
            FEAR,
            VULNERABLE,
            MISSING,
            ACCUSED,
            HYPOTHETICAL,
            PARTNER,
            PRESENT,
            HABITUAL,
            ALARM);

    public static final String CATEGORY_PREFIX = "category:";
    public static final String SPECIAL_PREFIX = "special:";

    /** Special-category flags the product knows. */
    public static final Set<String> SPECIAL = Set.of(
            "HEALTH",
            "ETHNICITY",
            "RELIGION",
            "SEXUAL_ORIENTATION",
            "POLITICAL",
            "CHILD",
            "CRIMINAL_ALLEGATION",
            "TRADE_UNION",
            "BIOMETRIC");

    private Signals() {}
}
