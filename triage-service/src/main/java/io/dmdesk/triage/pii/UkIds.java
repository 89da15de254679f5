package io.dmdesk.triage.pii;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * UK identifiers without check digits, validated by their issuing rules: National Insurance numbers (HMRC
 * NIM39110), postcodes (the Royal Mail format) and current-style number plates with a real age identifier.
 */
public final class UkIds {

    private static final Pattern NINO = Pattern.compile("[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\\d{6}[A-D]");
    private static final Set<String> NINO_NEVER_ISSUED = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");
    private static final Pattern POSTCODE =
            Pattern.compile("GIR0AA|(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
                    + "|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2}");
    // Current format since 2001: two area letters (no I, Q, Z), two age digits, three random letters (no I, Q).
    private static final Pattern PLATE = Pattern.compile("[A-HJ-PR-Y]{2}[0-9]{2}[A-HJ-PR-Z]{3}");

    /** {@code AB123456C}, upper case, spaces removed. */
    public static boolean nino(String compact) {
        return NINO.matcher(compact).matches() && !NINO_NEVER_ISSUED.contains(compact.substring(0, 2));
    }

    /** {@code SW1A1AA}, upper case, spaces removed. */
    public static boolean postcode(String compact) {
        return POSTCODE.matcher(compact).matches();
    }

    /** {@code AB51ABC}: age identifier 02-29 (March) or 51-79 (September), up to 2029. */
    public static boolean plate(String compact) {
        if (!PLATE.matcher(compact).matches()) {
            return false;
        }
        int age = Integer.parseInt(compact.substring(2, 4));
        return age >= 2 && age <= 29 || age >= 51 && age <= 79;
    }

    private UkIds() {}
}
