package dev.evident.connectors.http;

import dev.evident.connector.CollectionException;

/** An API answered with an error status that retrying will not fix; carries the status for callers that care. */
public final class ApiException extends CollectionException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, null);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
