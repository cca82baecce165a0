package dev.evident.notification.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.problem.InvalidInputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static WebhookProperties properties(boolean allowPrivate, boolean allowHttp) {
        return new WebhookProperties(allowPrivate, allowHttp, Duration.ofSeconds(15), List.of(Duration.ofMinutes(1)),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 2000, Duration.ofDays(90));
    }

    private final AddressPolicy strict = new AddressPolicy(properties(false, false));

    @ParameterizedTest
    @CsvSource({
            "https://10.0.0.5/hook, 10.0.0.5, private",
            "https://10.255.1.1:8443/hook, 10.255.1.1, private",
            "https://172.16.3.4/hook, 172.16.3.4, private",
            "https://192.168.1.10/hook, 192.168.1.10, private",
            "https://169.254.169.254/latest/meta-data, 169.254.169.254, link-local",
            "https://127.0.0.1/hook, 127.0.0.1, loopback",
            "http://localhost:8080/actuator, 127.0.0.1, loopback",
            "https://100.64.0.1/hook, 100.64.0.1, carrier-grade NAT",
            "https://0.0.0.0/hook, 0.0.0.0, unspecified",
            "'https://[fd00::1]/hook', fd00:0:0:0:0:0:0:1, private (unique local)",
            "'https://[fe80::1]/hook', fe80:0:0:0:0:0:0:1, link-local",
            "'https://[::ffff:10.0.0.1]/hook', 10.0.0.1, private"})
    void internalAddressesAreRefusedNamingTheFieldAndTheAddress(String url, String address, String kind) {
        assertThatThrownBy(() -> strict.validate("url", url))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("url");
                        assertThat(error.message()).contains(address).contains("a " + kind + " address")
                                .contains("evident.webhooks.allow-private-addresses");
                    });
                });
    }

    @Test
    void publicAddressesOverHttpsAreAccepted() {
        assertThat(strict.validate("url", "https://93.184.216.34/evident?x=1").toString())
                .isEqualTo("https://93.184.216.34/evident?x=1");
    }

    @Test
    void plainHttpIsOnlyForTheLocalMachineUnlessAllowed() {
        assertThatThrownBy(() -> strict.validate("url", "http://93.184.216.34/hook"))
                .hasMessageContaining("url must use https");
        AddressPolicy local = new AddressPolicy(properties(true, false));
        assertThat(local.validate("url", "http://localhost:9999/hook").getPort()).isEqualTo(9999);
        assertThat(local.validate("url", "http://127.0.0.1:9999/hook").getPort()).isEqualTo(9999);
        assertThatThrownBy(() -> local.validate("url", "http://93.184.216.34/hook")).hasMessageContaining("https");
        assertThat(new AddressPolicy(properties(false, true)).validate("url", "http://93.184.216.34/hook")).isNotNull();
    }

    @Test
    void theFlagLetsInternalReceiversThrough() {
        AddressPolicy relaxed = new AddressPolicy(properties(true, false));
        assertThat(relaxed.validate("url", "https://10.0.0.5/hook").getHost()).isEqualTo("10.0.0.5");
        assertThat(relaxed.refusal("169.254.169.254")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "'', url is required",
            "ftp://93.184.216.34/x, must be an absolute https URL",
            "/relative/path, must be an absolute https URL",
            "https://user:pass@93.184.216.34/hook, must not contain a user name or password",
            "https://93.184.216.34/hook#frag, must not contain a fragment",
            "'https://exa mple.com/', is not a valid URL",
            "https://no-such-host.invalid/hook, cannot be resolved"})
    void malformedUrlsAreRefusedWithAReason(String url, String message) {
        assertThatThrownBy(() -> strict.validate("url", url))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("url");
                            assertThat("url " + error.message()).contains(message);
                        }));
    }
}
