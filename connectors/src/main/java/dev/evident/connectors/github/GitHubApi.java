package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;
import dev.evident.connector.UncheckedCollectionException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Authenticated GitHub calls: single resources and lazily paged lists. */
final class GitHubApi {

    static final int PAGE_SIZE = 100;
    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"([^\"]+)\"");

    private final GitHubHttp http;
    private final GitHubAuth auth;

    GitHubApi(GitHubHttp http, GitHubAuth auth) {
        this.http = http;
        this.auth = auth;
    }

    GitHubHttp http() {
        return http;
    }

    GitHubAuth auth() {
        return auth;
    }

    GitHubHttp.Response get(String pathOrUrl, String need, Integer... tolerated) throws CollectionException {
        Set<Integer> allowed = Set.of(tolerated);
        try {
            return http.send("GET", pathOrUrl, auth.authorization(), need, allowed);
        } catch (GitHubApiException e) {
            // An installation token may have been revoked early; get a fresh one and try once more.
            if (e.status() == 401 && auth.invalidate()) {
                return http.send("GET", pathOrUrl, auth.authorization(), need, allowed);
            }
            throw e;
        }
    }

    /** The elements of a paged list, fetched one page at a time as the iterator advances. */
    Pages list(String path, String need, Integer... tolerated) {
        return new Pages(withPageSize(path), need, tolerated);
    }

    static String withPageSize(String path) {
        return path + (path.contains("?") ? "&" : "?") + "per_page=" + PAGE_SIZE;
    }

    /** The rel="next" URL of a Link header, or null on the last page. */
    static String nextLink(String linkHeader) {
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

    final class Pages implements Iterator<Json.Element> {

        private final String need;
        private final Integer[] tolerated;
        private final Deque<Json.Element> page = new ArrayDeque<>();
        private String next;
        private boolean stoppedByToleratedStatus;

        Pages(String first, String need, Integer[] tolerated) {
            this.next = first;
            this.need = need;
            this.tolerated = tolerated;
        }

        @Override
        public boolean hasNext() {
            while (page.isEmpty() && next != null) {
                try {
                    GitHubHttp.Response response = get(next, need, tolerated);
                    if (response.status() >= 300) {
                        next = null; // a tolerated error means "nothing here"
                        stoppedByToleratedStatus = true;
                        return false;
                    }
                    page.addAll(Json.elements(response.body(), response.what()));
                    next = nextLink(response.header("link").orElse(null));
                } catch (CollectionException e) {
                    next = null;
                    throw new UncheckedCollectionException(e);
                }
            }
            return !page.isEmpty();
        }

        /** True when the listing ended on one of the tolerated error statuses rather than its last page. */
        boolean stoppedByToleratedStatus() {
            return stoppedByToleratedStatus;
        }

        @Override
        public Json.Element next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.removeFirst();
        }
    }
}
