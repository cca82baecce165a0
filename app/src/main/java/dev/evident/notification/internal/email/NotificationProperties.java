package dev.evident.notification.internal.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code evident.notifications}; the SMTP server itself is Spring's {@code spring.mail.*}
 * (email is off while {@code spring.mail.host} is unset).
 */
@ConfigurationProperties("evident.notifications")
public record NotificationProperties(@DefaultValue Email email) {

    /**
     * @param from       the sender address of every email, required once {@code spring.mail.host} is set
     * @param digestCron  when the daily digest goes out (cron, six fields, UTC; "-" for never); read by the job
     * @param retryDelays waits before the second, third, ... try of an immediate email that failed to send;
     *                    after the last the email is given up (FAILED)
     */
    public record Email(String from, @DefaultValue("0 0 8 * * *") String digestCron,
                        @DefaultValue({"1m", "5m", "30m", "2h"}) java.util.List<java.time.Duration> retryDelays) {
    }
}
