package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.LazyIterator;
import dev.evident.connectors.http.ParallelReads;
import software.amazon.awssdk.regions.Region;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * A collector that reads every account of the connection (and, for a regional service, every
 * configured region), several scopes at a time but handed out in order.
 * Any failure (an account whose role cannot be assumed, a denied call) fails this resource type
 * only, since a partial inventory must not pass for a complete one; other types still collect.
 */
abstract class AwsCollector implements Collector {

    /** The {@code region} attribute of resources of global services (IAM, the account itself). */
    static final String GLOBAL = "global";

    /**
     * One account, and the region being read (null for global services).
     *
     * @param calls where {@link #each} runs the per-item calls; null runs them one after another
     */
    record Scope(AwsAccounts.Account account, Region region, Instant now, ExecutorService calls) {

        Scope(AwsAccounts.Account account, Region region, Instant now) {
            this(account, region, now, null);
        }

        /** The same account (and call pool) in another region. */
        Scope in(Region other) {
            return new Scope(account, other, now, calls);
        }

        String where() {
            return account.describe() + (region == null ? "" : " in " + region.id());
        }

        <T> T call(String action, AwsAccounts.SdkCall<T> call) throws CollectionException {
            return AwsAccounts.call(call, action, where());
        }

        /** Like {@link #call}, but null when AWS answers with one of the codes that mean "none configured". */
        <T> T callOrNone(String action, java.util.Set<String> none, AwsAccounts.SdkCall<T> call)
                throws CollectionException {
            return call(action, () -> {
                try {
                    return call.run();
                } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
                    String code = AwsErrors.code(e);
                    if (code != null && none.contains(code)) {
                        return null;
                    }
                    throw e;
                }
            });
        }

        /**
         * The per-item reads of a listing (a user's MFA devices and keys, a bucket's settings), up to
         * {@value #PARALLEL_CALLS} at a time ({@link ParallelReads#inOrder}): one account-region can
         * take that many without nearing AWS's rate limits. A {@code read} must not call {@code each}
         * itself.
         */
        <T, R> List<R> each(List<T> items, ParallelReads.Read<T, R> read) throws CollectionException {
            return ParallelReads.inOrder(calls, PARALLEL_CALLS, items, read);
        }

        /** A new attributes object starting with {@code accountId} and {@code region}. */
        ObjectNode attributes() {
            ObjectNode attributes = Json.object();
            attributes.put("accountId", account.id());
            attributes.put("region", region == null ? GLOBAL : region.id());
            return attributes;
        }

        CollectedResource resource(String type, String externalId, String displayName, ObjectNode attributes) {
            return new CollectedResource(type, externalId, displayName, Json.write(attributes), now, null);
        }
    }

    /** How many account-regions a collector reads at once. */
    static final int PARALLEL_SCOPES = 8;

    /** How many per-item reads one account-region runs at once ({@link Scope#each}). */
    static final int PARALLEL_CALLS = 4;

    protected final AwsAccounts accounts;
    private final String type;
    private final boolean regional;

    AwsCollector(AwsAccounts accounts, String type, boolean regional) {
        this.accounts = accounts;
        this.type = type;
        this.regional = regional;
    }

    @Override
    public final String resourceType() {
        return type;
    }

    /** Every resource of this type in one scope. */
    protected abstract List<CollectedResource> read(Scope scope) throws CollectionException;

    @Override
    public Iterator<CollectedResource> collect(CollectionContext ctx) throws CollectionException {
        Instant now = ctx.clock().instant();
        List<AwsAccounts.Member> members = accounts.members();
        List<Region> regions = regional ? accounts.settings().regions() : java.util.Collections.singletonList(null);
        List<ScopeRef> scopes = new ArrayList<>(members.size() * regions.size());
        for (AwsAccounts.Member member : members) {
            for (Region region : regions) {
                scopes.add(new ScopeRef(member, region));
            }
        }
        return new ScopeReader(scopes, now);
    }

    /** One account and region to read, before the account's role is assumed. */
    private record ScopeRef(AwsAccounts.Member member, Region region) {
    }

    /**
     * Reads the scopes {@value #PARALLEL_SCOPES} at a time (each AWS call waits on the network, and
     * accounts and regions have their own rate limits), handing their resources out in scope order.
     * At most that many scopes' resources are held at once. The first failure, in scope order, ends
     * the collection and cancels the reads still running.
     */
    private final class ScopeReader extends LazyIterator<CollectedResource> {

        private final List<ScopeRef> scopes;
        private final Instant now;
        private final Deque<Future<List<CollectedResource>>> inFlight = new ArrayDeque<>();
        private final Deque<CollectedResource> current = new ArrayDeque<>();
        private ThreadPoolExecutor pool;
        private ThreadPoolExecutor callPool;
        private int next;

        ScopeReader(List<ScopeRef> scopes, Instant now) {
            this.scopes = scopes;
            this.now = now;
        }

        @Override
        protected CollectedResource computeNext() throws CollectionException {
            while (current.isEmpty() && (next < scopes.size() || !inFlight.isEmpty())) {
                while (inFlight.size() < PARALLEL_SCOPES && next < scopes.size()) {
                    ScopeRef ref = scopes.get(next++);
                    inFlight.add(pool().submit(() -> read(new Scope(accounts.open(ref.member()), ref.region(), now,
                            callPool))));
                }
                current.addAll(take(inFlight.pollFirst()));
            }
            if (current.isEmpty() && pool != null) {
                pool.shutdown();
                callPool.shutdown();
            }
            return current.pollFirst();
        }

        private List<CollectedResource> take(Future<List<CollectedResource>> read) throws CollectionException {
            try {
                return ParallelReads.result(read);
            } catch (CollectionException | RuntimeException e) {
                stop();
                throw e;
            }
        }

        private void stop() {
            inFlight.forEach(f -> f.cancel(true));
            inFlight.clear();
            if (pool != null) {
                pool.shutdownNow();
                callPool.shutdownNow();
            }
        }

        /**
         * The scope threads, created with the call threads (enough for every scope in flight to have
         * its per-item reads running); both end on their own when idle, so an iterator left
         * unfinished leaks none.
         */
        private ThreadPoolExecutor pool() {
            if (pool == null) {
                pool = ParallelReads.daemonPool(PARALLEL_SCOPES, "aws-" + resourceType());
                callPool = ParallelReads.daemonPool(PARALLEL_SCOPES * PARALLEL_CALLS, "aws-" + resourceType() + "-calls");
            }
            return pool;
        }
    }
}
