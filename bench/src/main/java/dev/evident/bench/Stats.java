package dev.evident.bench;

import java.util.Collection;
import java.util.List;

/** The little statistics a startup report needs. */
final class Stats {

    private Stats() {
    }

    /** The middle value; the mean of the two middle values for an even count. */
    static double median(Collection<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the median of no values is undefined");
        }
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2.0;
    }
}
