package io.dmdesk.triage.pii;

import java.util.Map;

/**
 * Check-digit rules of identifiers worth validating: a failed check means a look-alike (an order number, a
 * tracking code), and look-alikes must not be flagged. Inputs are digit strings without separators.
 */
public final class Checksums {

    private static final int[] MOD11_ACCOUNT = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    // Lengths of IBANs by country (ISO 13616 registry), for the countries a UK or Norwegian force meets most.
    private static final Map<String, Integer> IBAN_LENGTH = Map.ofEntries(
            Map.entry("NO", 15),
            Map.entry("GB", 22),
            Map.entry("IE", 22),
            Map.entry("SE", 24),
            Map.entry("DK", 18),
            Map.entry("FI", 18),
            Map.entry("DE", 22),
            Map.entry("NL", 18),
            Map.entry("BE", 16),
            Map.entry("FR", 27),
            Map.entry("ES", 24),
            Map.entry("IT", 27),
            Map.entry("PT", 25),
            Map.entry("PL", 28),
            Map.entry("LT", 20),
            Map.entry("LV", 21),
            Map.entry("EE", 20),
            Map.entry("RO", 24),
            Map.entry("CH", 21),
            Map.entry("AT", 20),
            Map.entry("IS", 26),
            Map.entry("GR", 27),
            Map.entry("CZ", 24),
            Map.entry("SK", 24),
            Map.entry("HU", 28),
            Map.entry("BG", 22),
            Map.entry("HR", 21),
            Map.entry("LU", 20),
            Map.entry("UA", 29),
            Map.entry("TR", 26));

    /** Luhn (ISO/IEC 7812) over all digits, the last being the check digit. */
    public static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return digits.length() > 1 && sum % 10 == 0;
    }

    /** Payment card: 13-19 digits, an issuer prefix that exists (2-6), and Luhn. */
    public static boolean paymentCard(String digits) {
        if (digits.length() < 13 || digits.length() > 19 || !allDigits(digits)) {
            return false;
        }
        char first = digits.charAt(0);
        return first >= '2' && first <= '6' && luhn(digits);
    }

    /** IBAN (ISO 13616): known country length, then the rearranged number mod 97 == 1. */
    public static boolean iban(String compact) {
        String s = compact.toUpperCase();
        if (s.length() < 15
                || s.length() > 34
                || !Character.isLetter(s.charAt(0))
                || !Character.isLetter(s.charAt(1))) {
            return false;
        }
        Integer expected = IBAN_LENGTH.get(s.substring(0, 2));
        if (expected == null || expected != s.length()) {
            return false;
        }
        String rearranged = s.substring(4) + s.substring(0, 4);
        int mod = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0';
                mod = (mod * 10 + v) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                v = c - 'A' + 10;
                mod = (mod * 100 + v) % 97;
            } else {
                return false;
            }
        }
        return mod == 1;
    }

    /** Norwegian bank account (kontonummer): 11 digits, mod 11 with weights 5,4,3,2,7,6,5,4,3,2. */
    public static boolean norwegianAccount(String digits) {
        if (digits.length() != 11 || !allDigits(digits)) {
            return false;
        }
        int check = mod11(digits, MOD11_ACCOUNT);
        return check >= 0 && check == digits.charAt(10) - '0';
    }

    /** 11 - (weighted sum mod 11); 11 becomes 0; -1 when the result would be 10 (no valid number has that). */
    static int mod11(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }

    static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** The digits of a string, separators dropped. */
    static String digitsOf(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private Checksums() {}
}
