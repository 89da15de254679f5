package io.dmdesk.triage.pii;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Norwegian fødselsnummer and its variants (Skatteetaten): DDMMYY, individual number (3 digits), check digits K1
 * and K2. D-nummer adds 4 to the first day digit; H-nummer adds 40 to the month; synthetic test numbers
 * (Skatteetaten's test population) add 80 to the month. From 2032 K1 may take any value for which
 * (weighted sum + K1) mod 11 is 0, 1, 2 or 3, because the classic rule runs out of numbers; numbers issued under
 * the new rule must not be dropped as look-alikes, so that rule is accepted now (it contains the classic one).
 */
public final class NorwegianId {

    public enum Kind {
        FODSELSNUMMER,
        D_NUMMER,
        H_NUMMER,
        SYNTHETIC
    }

    private static final int[] K1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] K2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    /** The kind of a valid number, or null when the date or a check digit is wrong. */
    public static Kind validate(String digits) {
        if (digits.length() != 11 || !Checksums.allDigits(digits)) {
            return null;
        }
        int day = Integer.parseInt(digits.substring(0, 2));
        int month = Integer.parseInt(digits.substring(2, 4));
        int yy = Integer.parseInt(digits.substring(4, 6));
        int individual = Integer.parseInt(digits.substring(6, 9));
        Kind kind = Kind.FODSELSNUMMER;
        if (day > 40) {
            day -= 40;
            kind = Kind.D_NUMMER;
        }
        if (month > 80) {
            month -= 80;
            kind = Kind.SYNTHETIC;
        } else if (month > 40) {
            month -= 40;
            kind = kind == Kind.D_NUMMER ? Kind.D_NUMMER : Kind.H_NUMMER;
        }
        Integer year = year(yy, individual);
        if (year == null || !validDate(year, month, day)) {
            return null;
        }
        return k1Valid(digits) && k2Valid(digits) ? kind : null;
    }

    public static boolean isValid(String digits) {
        return validate(digits) != null;
    }

    /** Classic K1 (sum + K1 ≡ 0 mod 11) or the 2032 rule (≡ 0, 1, 2 or 3). */
    static boolean k1Valid(String d) {
        int sum = 0;
        for (int i = 0; i < K1.length; i++) {
            sum += (d.charAt(i) - '0') * K1[i];
        }
        return (sum + (d.charAt(9) - '0')) % 11 <= 3;
    }

    static boolean k2Valid(String d) {
        int check = Checksums.mod11(d, K2);
        return check >= 0 && check == d.charAt(10) - '0';
    }

    /** Century from the individual number (Skatteetaten's table). */
    private static Integer year(int yy, int individual) {
        if (individual <= 499) {
            return 1900 + yy;
        }
        if (individual <= 749 && yy >= 54) {
            return 1800 + yy;
        }
        if (yy <= 39) {
            return 2000 + yy;
        }
        if (individual >= 900) {
            return 1900 + yy;
        }
        return null;
    }

    private static boolean validDate(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private NorwegianId() {}
}
