package dev.evident.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered identifiers (UUID version 7, RFC 9562): the first 48 bits are the Unix time in
 * milliseconds, so ids sort by creation time, which keeps indexes compact and makes the id a
 * stable pagination cursor.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    private static long lastMillis;
    private static long lastCounter;

    /**
     * The 12 bits after the timestamp are a counter within the millisecond (RFC 9562 method 1),
     * started at a random value, so ids made by one node within a millisecond keep their order.
     */
    public static synchronized UUID next(Clock clock) {
        long millis = clock.millis();
        long randA;
        if (millis == lastMillis && lastCounter < 0xFFF) {
            randA = ++lastCounter;
        } else {
            randA = RANDOM.nextInt(1 << 11); // a random start that leaves room to count upwards
        }
        lastMillis = millis;
        lastCounter = randA;
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Parses a path or query value, treating anything malformed as "no such id". */
    public static UUID parseOrNotFound(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new dev.evident.shared.problem.NotFoundException(what);
        }
    }
}
