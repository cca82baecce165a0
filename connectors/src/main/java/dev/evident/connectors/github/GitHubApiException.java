package dev.evident.connectors.github;

import dev.evident.connector.CollectionException;

/** GitHub answered with an error status that retrying will not fix; carries the status for callers that care. */
final class GitHubApiException extends CollectionException {

    private final int status;

    GitHubApiException(int status, String message) {
        super(message, null, false, null);
        this.status = status;
    }

    int status() {
        return status;
    }
}
