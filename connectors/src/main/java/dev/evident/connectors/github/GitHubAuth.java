package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;

/** Produces the Authorization header for API calls. */
interface GitHubAuth {

    String authorization() throws CollectionException;

    /** Forgets a cached credential after GitHub rejected it; returns true when a retry may help. */
    default boolean invalidate() {
        return false;
    }

    /** A personal access token (classic or fine-grained), sent as is. */
    static GitHubAuth token(String token) {
        String header = "Bearer " + token.strip();
        return () -> header;
    }
}
