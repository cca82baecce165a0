package dev.evident.connectors.okta;

import dev.evident.connector.CollectionException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.Pages;
import dev.evident.connectors.http.RestClient;

import java.util.Map;
import java.util.Set;

/** Calls to the Okta Management API with an SSWS API token: single answers and lazily paged lists. */
final class OktaApi {

    /** The largest page the users and policies listings accept. */
    static final int PAGE_SIZE = 200;

    static final String READ_ONLY_ADMIN = "the Read-only Administrator role (Security > Administrators > Add "
            + "administrator > Read-only Administrator)";

    private final RestClient http;
    private final Map<String, String> authorization;

    OktaApi(RestClient http, String apiToken) {
        this.http = http;
        this.authorization = Map.of("Authorization", "SSWS " + apiToken.strip());
    }

    RestClient http() {
        return http;
    }

    RestClient.Response get(String pathOrUrl, String need, Integer... tolerated) throws CollectionException {
        return http.get(pathOrUrl, authorization, need, Set.of(tolerated));
    }

    /** The elements of a JSON array answer, with their raw bytes. */
    static Json.Listing elements(RestClient.Response response) throws CollectionException {
        return Json.elements(response.body(), response.source(), response.what(), null);
    }

    /** The elements of a listing, following Okta's {@code Link: <...>; rel="next"} header page by page. */
    Pages list(String path, String need) {
        String first = path + (path.contains("?") ? "&" : "?") + "limit=" + PAGE_SIZE;
        return new Pages(first, address -> {
            RestClient.Response response = get(address, need);
            // Okta sends rel="self" and rel="next" as two separate Link headers.
            return new Pages.Page(elements(response).elements(), Pages.nextLink(response));
        });
    }
}
