package dev.evident.notification.internal.webhook;

import dev.evident.shared.problem.InvalidInputException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which URLs a webhook may call: https (http only to the local machine or when allowed), no
 * credentials in the URL, and, unless {@code evident.webhooks.allow-private-addresses} is set, a host
 * that resolves only to public addresses. Checked when an endpoint is saved and again before every
 * attempt, since a name can be re-pointed after it was registered.
 */
@Component
class AddressPolicy {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    static final int MAX_URL = 2000;

    private final WebhookProperties properties;

    AddressPolicy(WebhookProperties properties) {
        this.properties = properties;
    }

    /** The URL if it may be registered; otherwise an error naming {@code field}. */
    URI validate(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String url = raw.trim();
        if (url.length() > MAX_URL) {
            throw new InvalidInputException(field, "must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!scheme.equals("https") && !scheme.equals("http") || host == null || host.isBlank()) {
            throw new InvalidInputException(field, "must be an absolute https URL such as https://hooks.example.com/evident");
        }
        if (scheme.equals("http") && !properties.allowHttp() && !LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException(field, "must use https (plain http is accepted only for localhost)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException(field, "must not contain a user name or password; "
                    + "the receiver verifies the signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInputException(field, "must not contain a fragment (#...)");
        }
        refusal(host).ifPresent(reason -> {
            throw new InvalidInputException(field, reason);
        });
        return uri;
    }

    /** Why the host must not be called now, or empty when it may. */
    Optional<String> refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("has a host that cannot be resolved: " + host);
        }
        if (properties.allowPrivateAddresses()) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            String kind = internalKind(address);
            if (kind != null) {
                return Optional.of("points to " + address.getHostAddress() + ", a " + kind + " address; webhooks may only "
                        + "call public addresses (an administrator can set evident.webhooks.allow-private-addresses=true)");
            }
        }
        return Optional.empty();
    }

    /** "private", "loopback", "link-local", ... for addresses inside a network, or null for public ones. */
    static String internalKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
            if (first >= 240) {
                return "reserved";
            }
        } else if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private (unique local)";
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "private (site-local)";
            }
        }
        return null;
    }
}
