package dev.evident.connectors.http;

import dev.evident.connector.CollectionException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The elements of a paged list, fetched one page at a time as the iterator advances, so only one
 * page is ever held in memory. How a page is fetched and where the next one is (a {@code Link}
 * header, a {@code nextPageToken}) is the caller's business.
 */
public final class Pages extends LazyIterator<Json.Element> {

    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"([^\"]+)\"");

    /** One page: its elements and the address of the next page, or null on the last one. */
    public record Page(List<Json.Element> elements, String next) {
    }

    /** Fetches the page at an address (a URL or path, as the caller chooses). */
    @FunctionalInterface
    public interface Fetcher {
        Page fetch(String address) throws CollectionException;
    }

    private final Fetcher fetcher;
    private final Deque<Json.Element> page = new ArrayDeque<>();
    private String next;

    public Pages(String first, Fetcher fetcher) {
        this.next = first;
        this.fetcher = fetcher;
    }

    @Override
    protected Json.Element computeNext() throws CollectionException {
        while (page.isEmpty() && next != null) {
            String address = next;
            next = null;
            Page fetched = fetcher.fetch(address);
            page.addAll(fetched.elements());
            next = fetched.next();
        }
        return page.pollFirst();
    }

    /** The rel="next" URL of an answer's {@code Link} headers (some vendors send one per relation), or null. */
    public static String nextLink(RestClient.Response response) {
        return nextLink(String.join(", ", response.headers().allValues("link")));
    }

    /** The rel="next" URL of an RFC 8288 {@code Link} header, or null on the last page. */
    public static String nextLink(String linkHeader) {
        if (linkHeader == null) {
            return null;
        }
        Matcher matcher = LINK.matcher(linkHeader);
        while (matcher.find()) {
            for (String rel : matcher.group(2).split("\\s+")) {
                if (rel.equals("next")) {
                    return matcher.group(1);
                }
            }
        }
        return null;
    }
}
