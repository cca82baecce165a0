package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.Pages;
import dev.evident.connectors.http.RestClient;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** Authenticated GitHub calls: single resources and lazily paged lists. */
final class GitHubApi {

    static final int PAGE_SIZE = 100;

    private final RestClient http;
    private final GitHubAuth auth;

    GitHubApi(RestClient http, GitHubAuth auth) {
        this.http = http;
        this.auth = auth;
    }

    RestClient http() {
        return http;
    }

    GitHubAuth auth() {
        return auth;
    }

    RestClient.Response get(String pathOrUrl, String need, Integer... tolerated) throws CollectionException {
        Set<Integer> allowed = Set.of(tolerated);
        try {
            return http.get(pathOrUrl, authorization(), need, allowed);
        } catch (ApiException e) {
            // An installation token may have been revoked early; get a fresh one and try once more.
            if (e.status() == 401 && auth.invalidate()) {
                return http.get(pathOrUrl, authorization(), need, allowed);
            }
            throw e;
        }
    }

    private Map<String, String> authorization() throws CollectionException {
        return Map.of("Authorization", auth.authorization());
    }

    /** The elements of a paged list, fetched one page at a time as the iterator advances. */
    Pages list(String path, String need, Integer... tolerated) {
        return list(path, need, new AtomicBoolean(), tolerated);
    }

    /**
     * Like {@link #list(String, String, Integer...)}; a tolerated error status ends the list as
     * "nothing here" and sets {@code stoppedByToleratedStatus}, telling it apart from a last page.
     */
    Pages list(String path, String need, AtomicBoolean stoppedByToleratedStatus, Integer... tolerated) {
        return new Pages(withPageSize(path), address -> {
            RestClient.Response response = get(address, need, tolerated);
            if (response.status() >= 300) {
                stoppedByToleratedStatus.set(true);
                return new Pages.Page(List.of(), null);
            }
            return new Pages.Page(Json.elements(response.body(), response.source(), response.what(), null).elements(),
                    Pages.nextLink(response));
        });
    }

    private static String withPageSize(String path) {
        return path + (path.contains("?") ? "&" : "?") + "per_page=" + PAGE_SIZE;
    }
}
