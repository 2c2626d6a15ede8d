package se.nexus.audit.statistics;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a set of published equations determines, worked out exactly, independently of how the suppression decided:
 * the span of the equations' coefficient vectors over the withheld unknowns, kept in reduced row echelon form with
 * integer (fraction-free) rows. An unknown, or a sum of unknowns, is determined iff its vector lies in that span.
 */
final class LinearSpan {

    private final int unknowns;
    private final List<BigInteger[]> rows = new ArrayList<>();
    private final List<Integer> pivots = new ArrayList<>();

    LinearSpan(int unknowns) {
        this.unknowns = unknowns;
    }

    /** Adds an equation: coefficient 1 for each unknown it sums (the published parts only move its right-hand side). */
    void add(int[] coefficients) {
        BigInteger[] row = reduced(vector(coefficients));
        int pivot = firstNonZero(row);
        if (pivot < 0) {
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            rows.set(i, eliminate(rows.get(i), row, pivot));
        }
        rows.add(row);
        pivots.add(pivot);
    }

    /** Whether the equations fix the value of this combination of unknowns. */
    boolean determines(int[] coefficients) {
        return firstNonZero(reduced(vector(coefficients))) < 0;
    }

    /** Whether the equations fix this one unknown. */
    boolean determines(int unknown) {
        int[] unit = new int[unknowns];
        unit[unknown] = 1;
        return determines(unit);
    }

    private BigInteger[] reduced(BigInteger[] vector) {
        BigInteger[] result = vector;
        for (int i = 0; i < rows.size(); i++) {
            result = eliminate(result, rows.get(i), pivots.get(i));
        }
        return result;
    }

    /** {@code target * by[pivot] - by * target[pivot]}, divided by the gcd of its entries, so it stays small. */
    private static BigInteger[] eliminate(BigInteger[] target, BigInteger[] by, int pivot) {
        if (target[pivot].signum() == 0) {
            return target;
        }
        BigInteger[] result = new BigInteger[target.length];
        BigInteger gcd = BigInteger.ZERO;
        for (int i = 0; i < target.length; i++) {
            result[i] = target[i].multiply(by[pivot]).subtract(by[i].multiply(target[pivot]));
            gcd = gcd.gcd(result[i]);
        }
        if (gcd.signum() != 0 && !gcd.equals(BigInteger.ONE)) {
            for (int i = 0; i < result.length; i++) {
                result[i] = result[i].divide(gcd);
            }
        }
        return result;
    }

    private BigInteger[] vector(int[] coefficients) {
        if (coefficients.length != unknowns) {
            throw new IllegalArgumentException("expected " + unknowns + " coefficients");
        }
        return Arrays.stream(coefficients).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new);
    }

    private static int firstNonZero(BigInteger[] row) {
        for (int i = 0; i < row.length; i++) {
            if (row[i].signum() != 0) {
                return i;
            }
        }
        return -1;
    }
}
