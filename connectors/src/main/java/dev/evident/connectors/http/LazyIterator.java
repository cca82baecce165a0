package dev.evident.connectors.http;

import dev.evident.connector.CollectionException;
import dev.evident.connector.UncheckedCollectionException;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator whose next element may need more API calls; failures surface as UncheckedCollectionException. */
public abstract class LazyIterator<T> implements Iterator<T> {

    private T next;
    private boolean done;

    /** The next element, or null when there are no more. */
    protected abstract T computeNext() throws CollectionException;

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            try {
                next = computeNext();
            } catch (CollectionException e) {
                done = true;
                throw new UncheckedCollectionException(e);
            } catch (UncheckedCollectionException e) {
                done = true;
                throw e;
            }
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T result = next;
        next = null;
        return result;
    }
}
