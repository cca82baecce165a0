package dev.evident.shared.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation-wide settings under {@code evident.*}; each is documented in docs/configuration.md.
 *
 * @param publicUrl base URL users reach Evident at, used in invitation links (derived from the
 *                  request when blank)
 */
@ConfigurationProperties("evident")
public record EvidentProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean demo,
        String publicUrl,
        String secretKeyFile,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue SignIn signIn,
        @DefaultValue Api api,
        @DefaultValue Invitations invitations,
        @DefaultValue Controls controls) {

    public record Bootstrap(String adminEmail, String adminPassword, String adminToken,
                            @DefaultValue("My organization") String organizationName) {
    }

    /**
     * @param maxFailures       failed passwords before the account is locked
     * @param lockout           how long a locked account stays locked
     * @param attemptsPerMinute sign-in attempts allowed per client address and per email per minute
     */
    public record SignIn(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockout,
                         @DefaultValue("20") int attemptsPerMinute) {
    }

    /** @param maxBodySize largest accepted API request body, in bytes */
    public record Api(@DefaultValue("1048576") long maxBodySize) {
    }

    public record Invitations(@DefaultValue("7d") Duration validity) {
    }

    /**
     * @param importMaxSize largest controls-as-code file accepted (API body or page upload), in bytes;
     *                      checked before the file is parsed
     */
    public record Controls(@DefaultValue("16777216") long importMaxSize) {
    }
}
