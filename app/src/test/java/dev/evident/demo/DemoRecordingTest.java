package dev.evident.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
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
        for (String resource : new String[] {DemoRecording.GITHUB, DemoRecording.HR_ROSTER, DemoRecording.OKTA,
                DemoRecording.GOOGLE, DemoRecording.AWS}) {
            String rendered = DemoRecording.render(DemoRecording.read(resource), CLOCK);
            assertThat(rendered).as(resource).doesNotContain("{{");
        }
    }

    @Test
    void theGitHubRecordingAnswersWhatTheConnectorAsksFirst() {
        ReplayRecording recording = ReplayRecording.parse(DemoRecording.read(DemoRecording.GITHUB));

        for (String pathAndQuery : new String[] {"/orgs/brightwave", "/orgs/brightwave/members?role=admin&per_page=100",
                "/orgs/brightwave/members?filter=2fa_disabled&per_page=100", "/orgs/brightwave/repos?type=all&per_page=100",
                "/orgs/brightwave/dependabot/alerts?state=open&per_page=100"}) {
            int q = pathAndQuery.indexOf('?');
            assertThat(recording.answer(get(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                    q < 0 ? null : pathAndQuery.substring(q + 1), Map.of()))).as(pathAndQuery).isPresent();
        }
        assertThat(recording.answer(get("/orgs/brightwave/members", "role=admin&per_page=100&page=2", Map.of())))
                .as("GitHub's recorded queries match exactly").isEmpty();
    }

    private static final String RECORDING = """
            {"interactions": [
             {"request": {"method": "GET", "path": "/api/v1/users", "params": {"limit": "200"}},
              "response": {"status": 200, "body": ["everyone"]}},
             {"request": {"method": "GET", "path": "/api/v1/users", "params": {"limit": "200", "filter": "status eq \\"DEPROVISIONED\\""}},
              "response": {"status": 200, "body": ["deactivated"]}},
             {"request": {"method": "POST", "path": "/", "params": {"Action": "ListUsers"}, "signedBy": "AKIAONE",
                          "scope": "us-east-1/iam"},
              "response": {"status": 200, "headers": {"Content-Type": "text/xml"}, "text": "<one/>"}},
             {"request": {"method": "POST", "path": "/", "params": {"Action": "ListUsers"}, "signedBy": "ASIATWO",
                          "scope": "us-east-1/iam"},
              "response": {"status": 200, "headers": {"Content-Type": "text/xml"}, "text": "<two/>"}},
             {"request": {"method": "POST", "path": "/", "params": {"KeyId": "k-1"}, "headers": {"X-Amz-Target": "TrentService.DescribeKey"}},
              "response": {"status": 200, "body": {"KeyMetadata": {"KeyId": "k-1"}}}}
            ]}""";

    @Test
    void theMostSpecificRecordedRequestAnswers() {
        ReplayRecording recording = ReplayRecording.parse(RECORDING);

        assertThat(recording.answer(get("/api/v1/users", "limit=200", Map.of()))).get()
                .extracting(ReplayRecording.Answer::body).isEqualTo("[\"everyone\"]");
        assertThat(recording.answer(get("/api/v1/users", "filter=status%20eq%20%22DEPROVISIONED%22&limit=200", Map.of())))
                .get().extracting(ReplayRecording.Answer::body).isEqualTo("[\"deactivated\"]");
        assertThat(recording.answer(get("/api/v1/users", "limit=20", Map.of()))).isEmpty();
    }

    @Test
    void awsRequestsAreToldApartByFormActionSignerScopeTargetAndJsonBody() {
        ReplayRecording recording = ReplayRecording.parse(RECORDING);
        String form = "application/x-www-form-urlencoded; charset=utf-8";

        assertThat(recording.answer(post("Action=ListUsers&Version=2010-05-08", form,
                signed("AKIAONE", "us-east-1/iam")))).get().extracting(ReplayRecording.Answer::body).isEqualTo("<one/>");
        assertThat(recording.answer(post("Action=ListUsers&Version=2010-05-08", form,
                signed("ASIATWO", "us-east-1/iam")))).get().extracting(ReplayRecording.Answer::body).isEqualTo("<two/>");
        assertThat(recording.answer(post("Action=ListUsers&Version=2010-05-08", form, signed("ASIATWO", "eu-west-1/iam"))))
                .as("another region's credential scope").isEmpty();
        assertThat(recording.answer(post("Action=ListRoles", form, signed("AKIAONE", "us-east-1/iam")))).isEmpty();

        Map<String, String> kms = Map.of("content-type", "application/x-amz-json-1.1", "x-amz-target",
                "TrentService.DescribeKey");
        assertThat(recording.answer(new ReplayRecording.Request("POST", "/", null, kms, "{\"KeyId\":\"k-1\"}"))).isPresent();
        assertThat(recording.answer(new ReplayRecording.Request("POST", "/", null, kms, "{\"KeyId\":\"k-2\"}"))).isEmpty();
    }

    private static ReplayRecording.Request get(String path, String query, Map<String, String> headers) {
        return new ReplayRecording.Request("GET", path, query, headers, "");
    }

    private static ReplayRecording.Request post(String body, String type, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("content-type", type);
        return new ReplayRecording.Request("POST", "/", null, all, body);
    }

    private static Map<String, String> signed(String keyId, String scope) {
        return Map.of("authorization", "AWS4-HMAC-SHA256 Credential=" + keyId + "/20261130/" + scope
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd");
    }
}
