package dev.evident.connectors.google;

import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.Pages;
import dev.evident.connectors.http.RestClient;

import java.util.Map;
import java.util.Set;

/** Authenticated calls to the Admin SDK, and lists paged with {@code pageToken}/{@code nextPageToken}. */
final class GoogleApi {

    static final String DIRECTORY_SCOPE = "https://www.googleapis.com/auth/admin.directory.user.readonly";
    static final String AUDIT_SCOPE = "https://www.googleapis.com/auth/admin.reports.audit.readonly";
    static final String USERS_NEED = "the admin to act as must be allowed to read users (a super admin, or an admin "
            + "role with Admin API privileges > Users > Read), and domain-wide delegation must grant " + DIRECTORY_SCOPE;
    static final String AUDIT_NEED = "the admin to act as must be allowed to read the audit log (a super admin, or an "
            + "admin role with Reports privileges), and domain-wide delegation must grant " + AUDIT_SCOPE;

    private final RestClient http;
    private final GoogleAuth auth;

    GoogleApi(RestClient http, GoogleAuth auth) {
        this.http = http;
        this.auth = auth;
    }

    RestClient http() {
        return http;
    }

    GoogleAuth auth() {
        return auth;
    }

    RestClient.Response get(String pathOrUrl, String need) throws CollectionException {
        String authorization = auth.authorization();
        try {
            return http.get(pathOrUrl, Map.of("Authorization", authorization), need, Set.of());
        } catch (ApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            // The access token may have been revoked early; get a fresh one and try once more.
            auth.invalidate();
            return http.get(pathOrUrl, Map.of("Authorization", auth.authorization()), need, Set.of());
        }
    }

    /** The elements of {@code arrayField} in each page, following {@code nextPageToken}. */
    Pages list(String path, String arrayField, String need) {
        return new Pages(path, address -> {
            RestClient.Response response = get(address, need);
            Json.Listing listing = Json.elements(response.body(), http.source(), response.what(), arrayField);
            String token = Json.text(listing.rest(), "nextPageToken");
            String next = token == null || token.isEmpty() ? null
                    : path + (path.contains("?") ? "&" : "?") + "pageToken=" + RestClient.encode(token);
            return new Pages.Page(listing.elements(), next);
        });
    }
}
