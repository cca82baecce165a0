package dev.evident.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items and the cursor for the next page (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only proves
     * that another page exists.
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, String> cursorKey) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> items = List.copyOf(fetched.subList(0, request.limit()));
        return new Page<>(items, PageRequest.encodeCursor(cursorKey.apply(items.get(items.size() - 1))));
    }
}
