package dev.evident.connector;

/**
 * Carries a {@link CollectionException} out of {@link java.util.Iterator#next()}, which cannot
 * throw checked exceptions, when a later page of results fails.
 */
public class UncheckedCollectionException extends RuntimeException {

    public UncheckedCollectionException(CollectionException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized CollectionException getCause() {
        return (CollectionException) super.getCause();
    }
}
