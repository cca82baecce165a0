package dev.evident.notification.internal.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmailBodiesTest {

    private final EmailBodies bodies = new EmailBodies("https://evident.example.com/");

    @Test
    void dataIsEscapedInHtmlAndLinksAreAbsolute() {
        var rendered = bodies.single(new EmailBodies.Item("Repo <script>alert(1)</script> fails", "Reason: a & b\n\"quoted\"",
                "/checks/42"));
        assertThat(rendered.html()).contains("Repo &lt;script&gt;alert(1)&lt;/script&gt; fails")
                .contains("a &amp; b<br>&quot;quoted&quot;").contains("href=\"https://evident.example.com/checks/42\"")
                .doesNotContain("<script>");
        assertThat(rendered.text()).contains("Reason: a & b").contains("Open: https://evident.example.com/checks/42");
    }

    @Test
    void theDigestListsEveryNotification() {
        var rendered = bodies.digest("Acme <Cloud>", List.of(new EmailBodies.Item("First", "one", null),
                new EmailBodies.Item("Second", "two", "/checks/1")));
        assertThat(rendered.subject()).isEqualTo("Evident daily digest: 2 notifications in Acme <Cloud>");
        assertThat(rendered.html()).contains("Acme &lt;Cloud&gt;").contains("<strong>First</strong>")
                .contains("<strong>Second</strong>");
        assertThat(rendered.text()).contains("* First").contains("* Second");
    }
}
