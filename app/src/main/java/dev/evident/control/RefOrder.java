package dev.evident.control;

import java.util.Comparator;

/**
 * Orders control references the way people read them: AC-2 before AC-10, AC-09 before AC-10.
 * Runs of digits compare by value, everything else character by character.
 */
public final class RefOrder implements Comparator<String> {

    public static final RefOrder INSTANCE = new RefOrder();

    private RefOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byValue = compareNumbers(a, i, endA, b, j, endB);
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Compares two runs of digits by value, without allocating: skip leading zeros, then longer wins, then digit by digit. */
    private static int compareNumbers(String a, int fromA, int endA, String b, int fromB, int endB) {
        while (fromA < endA - 1 && a.charAt(fromA) == '0') {
            fromA++;
        }
        while (fromB < endB - 1 && b.charAt(fromB) == '0') {
            fromB++;
        }
        int lengths = Integer.compare(endA - fromA, endB - fromB);
        if (lengths != 0) {
            return lengths;
        }
        for (int k = 0; k < endA - fromA; k++) {
            int digit = Character.compare(a.charAt(fromA + k), b.charAt(fromB + k));
            if (digit != 0) {
                return digit;
            }
        }
        return 0;
    }
}
