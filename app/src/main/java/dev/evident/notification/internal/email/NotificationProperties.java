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
     * @param digestCron when the daily digest goes out (Spring cron, six fields, UTC); read by the job
     */
    public record Email(String from, @DefaultValue("0 0 8 * * *") String digestCron) {
    }
}
