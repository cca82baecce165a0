package dev.evident.notification.internal.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evident.shared.config.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class MailerTest {

    private static NotificationProperties from(String from) {
        return new NotificationProperties(new NotificationProperties.Email(from, "0 0 8 * * *", java.util.List.of()));
    }

    @Test
    void withoutAMailHostEmailIsOffAndNeedsNoSender() {
        var none = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
        Mailer mailer = new Mailer(none, from(null));
        assertThat(mailer.enabled()).isFalse();
        assertThatThrownBy(() -> mailer.send("a@b.example", "s", "t", "h")).hasMessageContaining("spring.mail.host");
    }

    @Test
    void aMailHostWithoutASenderAddressStopsTheStartNamingTheSetting() {
        var sender = new StaticListableBeanFactory(Map.of("mailSender", new JavaMailSenderImpl()))
                .getBeanProvider(JavaMailSender.class);
        assertThatThrownBy(() -> new Mailer(sender, from(" ")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo("evident.notifications.email.from"));
        assertThat(new Mailer(sender, from("Evident <evident@example.com>")).enabled()).isTrue();
    }
}
