package dev.evident.notification.internal.email;

import dev.evident.shared.config.InvalidConfigurationException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends email through the SMTP server of {@code spring.mail.*}. Without {@code spring.mail.host}
 * Spring Boot creates no mail sender and email is simply off: channels ask {@link #enabled()}.
 */
@Component
public class Mailer {

    private final JavaMailSender sender;
    private final String from;

    Mailer(ObjectProvider<JavaMailSender> sender, NotificationProperties properties) {
        this.sender = sender.getIfAvailable();
        this.from = properties.email().from();
        if (this.sender != null && (from == null || from.isBlank())) {
            throw new InvalidConfigurationException("evident.notifications.email.from",
                    "is required when spring.mail.host is set", "Set EVIDENT_NOTIFICATIONS_EMAIL_FROM to the sender "
                            + "address, e.g. \"Evident <evident@example.com>\".");
        }
    }

    public boolean enabled() {
        return sender != null;
    }

    /** A message with a plain-text and an HTML alternative. */
    public void send(String to, String subject, String text, String html) {
        if (sender == null) {
            throw new IllegalStateException("Email is not configured (spring.mail.host)");
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text, html);
            sender.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("Could not build the email to " + to + ": " + e.getMessage(), e);
        } catch (MailException e) {
            throw new IllegalStateException("Could not send the email to " + to + ": " + e.getMessage(), e);
        }
    }
}
