package dev.evident.monitoring.internal;

import dev.evident.monitoring.internal.ResultIntervals.Interval;
import dev.evident.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Questions about a check's history: state at an instant, failing now, failing time and failing days. */
@Service
class CheckResults {

    /** How long a resource failed in a period, and since when it has been failing without a break (or null). */
    record FailingDuration(String resourceKey, Instant from, Instant to, Duration failing, Instant failingSince) {
    }

    /** The days (UTC) of a period on which at least one resource failed. */
    record FailingDays(LocalDate from, LocalDate to, int days, List<LocalDate> dates) {
    }

    private final ResultIntervals intervals;
    private final Clock clock;

    CheckResults(ResultIntervals intervals, Clock clock) {
        this.intervals = intervals;
        this.clock = clock;
    }

    List<Interval> stateAt(UUID orgId, UUID checkId, Instant at) {
        return intervals.at(orgId, checkId, at);
    }

    List<Interval> failingNow(UUID orgId, UUID checkId) {
        return intervals.at(orgId, checkId, Timestamps.now(clock)).stream().filter(i -> i.outcome() == Outcome.FAIL).toList();
    }

    List<Interval> history(UUID orgId, UUID checkId, String resourceKey, Instant from, Instant to) {
        return intervals.overlapping(orgId, checkId, resourceKey, null, from, to);
    }

    FailingDuration failingDuration(UUID orgId, UUID checkId, String resourceKey, Instant from, Instant to) {
        Instant now = Timestamps.now(clock);
        Instant end = to.isAfter(now) ? now : to;
        Duration total = Duration.ZERO;
        for (Interval i : intervals.overlapping(orgId, checkId, resourceKey, Outcome.FAIL, from, end)) {
            Instant a = i.from().isBefore(from) ? from : i.from();
            Instant b = i.to() == null || i.to().isAfter(end) ? end : i.to();
            if (b.isAfter(a)) {
                total = total.plus(Duration.between(a, b));
            }
        }
        return new FailingDuration(resourceKey, from, end, total, failingSince(orgId, checkId, resourceKey, now));
    }

    /** The start of the current unbroken run of FAIL intervals (across check versions), or null if not failing. */
    private Instant failingSince(UUID orgId, UUID checkId, String resourceKey, Instant now) {
        List<Interval> all = intervals.overlapping(orgId, checkId, resourceKey, null, Instant.EPOCH, now.plusSeconds(1));
        Instant since = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            Interval interval = all.get(i);
            boolean last = i == all.size() - 1;
            if (interval.outcome() != Outcome.FAIL || (last && interval.to() != null)
                    || (!last && !interval.to().equals(all.get(i + 1).from()))) {
                break;
            }
            since = interval.from();
        }
        return since;
    }

    FailingDays failingDays(UUID orgId, UUID checkId, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = Timestamps.now(clock);
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Interval i : intervals.overlapping(orgId, checkId, null, Outcome.FAIL, start, end)) {
            Instant a = i.from().isBefore(start) ? start : i.from();
            Instant b = i.to() == null ? (now.isBefore(end) ? now : end) : (i.to().isAfter(end) ? end : i.to());
            if (!b.isAfter(a)) {
                continue;
            }
            LocalDate last = LocalDate.ofInstant(b.minusNanos(1), ZoneOffset.UTC);
            for (LocalDate d = LocalDate.ofInstant(a, ZoneOffset.UTC); !d.isAfter(last); d = d.plusDays(1)) {
                days.add(d);
            }
        }
        return new FailingDays(from, to, days.size(), List.copyOf(days));
    }
}
