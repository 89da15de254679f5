package io.dmdesk.triage.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.dmdesk.contracts.EntitySpan;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Digit runs: payment cards (Luhn), Norwegian national ids and bank accounts (mod 11), phone numbers
 * (libphonenumber's per-country rules), IBANs (mod 97). A run that fails every check is a look-alike and is not
 * flagged. Every valid fødselsnummer also passes the kontonummer check (same K2 weights), so the written form
 * (4.2.5 groups) and context words decide between the two.
 */
final class NumberRecogniser implements Recogniser {

    private static final Pattern RUN = Pattern.compile(
            "(?<![\\w+.,/-])(?:\\+|00)?\\d(?:\\d|[ .\\-](?=\\d)|\\s?\\((?=0\\)\\s?\\d)|(?<=\\(0)\\)\\s?(?=\\d)){6,24}(?![\\w]|[.,]\\d)");
    // IBANs are written in upper case, in groups of four or unbroken; trailing groups are trimmed until valid.
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])|(?<![A-Za-z0-9])[A-Z]{2}\\d{2}[A-Z0-9]{11,30}(?![A-Za-z0-9])");
    private static final Pattern ACCOUNT_FORM = Pattern.compile("\\d{4}[ .]\\d{2}[ .]\\d{5}");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final Set<String> phoneCues;
    private final Set<String> accountCues;
    private final Set<String> referenceCues;

    NumberRecogniser(Set<String> phoneCues, Set<String> accountCues, Set<String> referenceCues) {
        this.phoneCues = phoneCues;
        this.accountCues = accountCues;
        this.referenceCues = referenceCues;
    }

    @Override
    public void find(Words words, List<EntitySpan> into) {
        if (!words.hasDigit) {
            return;
        }
        String text = words.text;
        Matcher m = RUN.matcher(text);
        while (m.find()) {
            classify(text, m.start(), m.end(), m.group(), into);
        }
        Matcher iban = IBAN.matcher(text);
        while (iban.find()) {
            String g = iban.group();
            // "... 7654 32 and" may have swallowed a following word group: shorten at spaces until the check passes.
            for (int end = g.length(); end > 0; end = g.lastIndexOf(' ', end - 1)) {
                if (Checksums.iban(g.substring(0, end).replace(" ", ""))) {
                    into.add(new EntitySpan("IBAN", iban.start(), iban.start() + end, 0.99, "iban-mod97"));
                    break;
                }
            }
        }
    }

    private void classify(String text, int start, int end, String run, List<EntitySpan> into) {
        String digits = Checksums.digitsOf(run);
        boolean international = run.startsWith("+") || run.startsWith("00");
        if (!international && Checksums.paymentCard(digits)) {
            into.add(new EntitySpan("PAYMENT_CARD", start, end, 0.95, "card-luhn"));
            return;
        }
        if (!international && digits.length() == 11) {
            boolean accountCue = Recogniser.cueBefore(text, start, 40, accountCues);
            boolean accountForm = ACCOUNT_FORM.matcher(run).matches();
            if (!accountCue && !accountForm && NorwegianId.isValid(digits)) {
                into.add(new EntitySpan("NATIONAL_ID", start, end, 0.95, "no-fnr-mod11"));
                return;
            }
            if (Checksums.norwegianAccount(digits) && (accountCue || accountForm || !digits.startsWith("0"))) {
                into.add(new EntitySpan(
                        "BANK_ACCOUNT", start, end, accountCue || accountForm ? 0.9 : 0.7, "no-account-mod11"));
                return;
            }
        }
        // UK accounts have no public check digit: eight digits right after "account" or a sort code.
        if (!international && digits.length() == 8 && Recogniser.cueBefore(text, start, 15, accountCues)) {
            into.add(new EntitySpan("BANK_ACCOUNT", start, end, 0.7, "uk-account-cue"));
            return;
        }
        if (run.indexOf('.') < 0 && phone(text, start, run, digits, international)) {
            into.add(new EntitySpan("PHONE", start, end, 0.85, "libphonenumber"));
        }
    }

    /**
     * Valid by libphonenumber, or a UK mobile-shaped number it calls merely possible: Ofcom's reserved drama range
     * (07700 900xxx) and newly allocated blocks are still someone's phone number to the person who wrote them.
     */
    private boolean usable(PhoneNumber n) {
        if (phones.isValidNumber(n)) {
            return true;
        }
        return n.getCountryCode() == 44
                && String.valueOf(n.getNationalNumber()).startsWith("7")
                && phones.isPossibleNumber(n);
    }

    private boolean phone(String text, int start, String run, String digits, boolean international) {
        // An order, invoice, KID or tracking number is not a phone number, whatever its shape.
        if (Recogniser.cueBefore(text, start, 25, referenceCues)) {
            return false;
        }
        try {
            if (international) {
                String e164 = "+" + (run.startsWith("00") ? digits.substring(2) : digits);
                return usable(phones.parse(e164, "ZZ"));
            }
            boolean cue = Recogniser.cueBefore(text, start, 30, phoneCues);
            if (digits.startsWith("0") && (digits.length() == 10 || digits.length() == 11)) {
                return usable(phones.parse(digits, "GB"));
            }
            if (digits.length() == 8) {
                PhoneNumber n = phones.parse(digits, "NO");
                if (!phones.isValidNumber(n)) {
                    return false;
                }
                // A bare 8-digit run could be an order number: a spaced phone layout, a cue or a mobile range decides.
                boolean spaced = run.indexOf(' ') > 0 || run.indexOf('-') > 0;
                return cue || spaced || phones.getNumberType(n) == PhoneNumberType.MOBILE;
            }
            if (digits.length() == 10 && digits.startsWith("47") && cue) {
                return phones.isValidNumber(phones.parse("+" + digits, "ZZ"));
            }
            return false;
        } catch (NumberParseException e) {
            return false;
        }
    }
}
