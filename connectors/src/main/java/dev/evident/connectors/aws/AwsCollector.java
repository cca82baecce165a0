package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionContext;
import dev.evident.connector.CollectionException;
import dev.evident.connector.Collector;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.LazyIterator;
import software.amazon.awssdk.regions.Region;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * A collector that reads every account of the connection (and, for a regional service, every
 * configured region) one scope at a time: only one account-region's resources are held at once.
 * Any failure (an account whose role cannot be assumed, a denied call) fails this resource type
 * only, since a partial inventory must not pass for a complete one; other types still collect.
 */
abstract class AwsCollector implements Collector {

    /** The {@code region} attribute of resources of global services (IAM, the account itself). */
    static final String GLOBAL = "global";

    /** One account, and the region being read (null for global services). */
    record Scope(AwsAccounts.Account account, Region region, Instant now) {
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
        return new LazyIterator<>() {
            private int member;
            private int region;
            private final Deque<CollectedResource> current = new ArrayDeque<>();

            @Override
            protected CollectedResource computeNext() throws CollectionException {
                while (current.isEmpty() && member < members.size()) {
                    AwsAccounts.Account account = accounts.open(members.get(member));
                    current.addAll(read(new Scope(account, regions.get(region), now)));
                    if (++region >= regions.size()) {
                        region = 0;
                        member++;
                    }
                }
                return current.pollFirst();
            }
        };
    }
}
