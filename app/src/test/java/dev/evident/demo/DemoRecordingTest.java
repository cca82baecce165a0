package dev.evident.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemoRecordingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T15:42:10Z"), ZoneOffset.UTC);

    @Test
    void relativeTimesAreRenderedFromTodaysMidnight() {
        String rendered = DemoRecording.render(
                "{\"merged_at\":\"{{ago:12d3h}}\",\"created_at\":\"{{ago:6d}}\",\"start\":\"{{date:-9}}\",\"end\":\"{{date:20}}\"}",
                CLOCK);

        assertThat(rendered).isEqualTo("{\"merged_at\":\"2026-11-17T21:00:00Z\",\"created_at\":\"2026-11-24T00:00:00Z\","
                + "\"start\":\"2026-11-21\",\"end\":\"2026-12-20\"}");
    }

    @Test
    void theShippedRecordingsLeaveNoPlaceholderBehind() {
        for (String resource : new String[] {DemoRecording.GITHUB, DemoRecording.HR_ROSTER}) {
            String rendered = DemoRecording.render(DemoRecording.read(resource), CLOCK);
            assertThat(rendered).as(resource).doesNotContain("{{");
        }
    }

    @Test
    void theGitHubRecordingAnswersWhatTheConnectorAsksFirst() {
        var answers = DemoReplayServer.load(DemoRecording.read(DemoRecording.GITHUB));

        assertThat(answers).containsKeys("GET /orgs/brightwave", "GET /orgs/brightwave/members?role=admin&per_page=100",
                "GET /orgs/brightwave/members?filter=2fa_disabled&per_page=100",
                "GET /orgs/brightwave/repos?type=all&per_page=100",
                "GET /orgs/brightwave/dependabot/alerts?state=open&per_page=100");
    }
}
