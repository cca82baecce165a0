package dev.evident.integration.internal;

import dev.evident.integration.internal.SyncBenchStub.Answer;
import dev.evident.integration.internal.SyncBenchStub.Request;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's identity providers, from their published API references: Okta's Management API
 * (SSWS token, {@code Link} header pagination with an {@code after} cursor, {@code X-Rate-Limit-*}
 * headers on every answer, 429 when a per-minute bucket is spent) and Google's Admin SDK Directory and
 * Reports APIs ({@code nextPageToken}) behind the OAuth token endpoint. User p is person p of the
 * roster, by email.
 */
final class SyncBenchIdentity {

    static final String OKTA_TOKEN = "00benchmarkOktaApiToken0000000000000000000";
    static final String GOOGLE_TOKEN = "ya29.benchmark-access-token";
    static final int OKTA_MAX_PAGE = 200;
    static final int GOOGLE_MAX_PAGE = 500;

    private SyncBenchIdentity() {
    }

    /** Okta, with a rate-limit bucket of {@code perMinute} requests per minute for the whole org. */
    static final class Okta implements SyncBenchStub.Handler {

        private final SyncBenchModel model;
        private final int perMinute;
        private String base;
        private long window;
        private int used;
        private long limited;

        Okta(SyncBenchModel model, int perMinute) {
            this.model = model;
            this.perMinute = perMinute;
        }

        /** The server's own address, for the Link headers (the connector only follows links to its org URL). */
        void base(String base) {
            this.base = base;
        }

        synchronized long limited() {
            return limited;
        }

        @Override
        public Answer handle(Request request) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (!rateLimit(headers)) {
                return new Answer("okta:429", 429, "application/json", "{\"errorCode\":\"E0000047\",\"errorSummary\":"
                        + "\"API call exceeded rate limit due to too many requests.\",\"errorLink\":\"E0000047\","
                        + "\"errorId\":\"bench\",\"errorCauses\":[]}", headers);
            }
            if (!("SSWS " + OKTA_TOKEN).equals(request.header("Authorization"))) {
                return new Answer("okta:401", 401, "application/json", "{\"errorCode\":\"E0000011\",\"errorSummary\":"
                        + "\"Invalid token provided\",\"errorCauses\":[]}", headers);
            }
            String path = request.path();
            Map<String, String> q = request.query();
            if (path.equals("/api/v1/users")) {
                boolean deactivated = q.containsKey("filter");
                return users(deactivated, q, headers);
            }
            if (path.startsWith("/api/v1/users/") && path.endsWith("/factors")) {
                return new Answer("okta:factors", 200, "application/json", factors(user(path)), headers);
            }
            if (path.startsWith("/api/v1/users/") && path.endsWith("/roles")) {
                return new Answer("okta:roles", 200, "application/json", roles(user(path)), headers);
            }
            if (path.equals("/api/v1/policies")) {
                return new Answer("okta:policies", 200, "application/json", policies(q.get("type")), headers);
            }
            return new Answer("okta:404", 404, "application/json", "{\"errorCode\":\"E0000007\",\"errorSummary\":"
                    + "\"Not found: Resource not found: " + path + " (PathNotFound)\",\"errorCauses\":[]}", headers);
        }

        private synchronized boolean rateLimit(Map<String, String> headers) {
            long minute = System.currentTimeMillis() / 60_000;
            if (minute != window) {
                window = minute;
                used = 0;
            }
            used++;
            headers.put("X-Rate-Limit-Limit", String.valueOf(perMinute));
            headers.put("X-Rate-Limit-Remaining", String.valueOf(Math.max(0, perMinute - used)));
            headers.put("X-Rate-Limit-Reset", String.valueOf((minute + 1) * 60));
            if (used > perMinute) {
                limited++;
                return false;
            }
            return true;
        }

        /** Deactivated users are those whose person left and who were offboarded (most, not all, of them). */
        boolean deactivated(int u) {
            return u < model.people && model.terminated(u) && !model.chance(30, "oktaKept", u);
        }

        private Answer users(boolean deactivated, Map<String, String> q, Map<String, String> headers) {
            int limit = Math.min(OKTA_MAX_PAGE, Integer.parseInt(q.getOrDefault("limit", "200")));
            String after = q.get("after");
            int u = after == null ? 0 : user("/" + after + "/") + 1;
            StringBuilder json = new StringBuilder("[");
            int n = 0;
            int last = -1;
            for (; u < model.oktaUsers && n < limit; u++) {
                if (deactivated(u) == deactivated) {
                    json.append(n++ == 0 ? "" : ",").append(user(u, deactivated));
                    last = u;
                }
            }
            String self = base + "/api/v1/users?" + (deactivated ? "filter=status+eq+%22DEPROVISIONED%22&" : "")
                    + "limit=" + limit;
            boolean more = false;
            for (int v = u; v < model.oktaUsers && !more; v++) {
                more = deactivated(v) == deactivated;
            }
            // Okta sends rel="self" and rel="next" as two Link headers (SyncBenchStub splits at the line break)
            headers.put("Link", "<" + self + (after == null ? "" : "&after=" + after) + ">; rel=\"self\""
                    + (more ? "\n<" + self + "&after=" + id(last) + ">; rel=\"next\"" : ""));
            return new Answer("okta:users", 200, "application/json", json.append(']').toString(), headers);
        }

        private String user(int u, boolean deactivated) {
            String email = SyncBenchModel.email(u);
            boolean suspended = !deactivated && model.chance(2, "suspended", u);
            Instant created = model.daysAgo(400 + model.roll("oktaCreated", u) % 1200, u);
            Instant lastLogin = model.chance(4, "neverLoggedIn", u) ? null
                    : model.daysAgo(model.chance(8, "stale", u) ? 100 + u % 200 : u % 20, u);
            return "{\"id\":\"" + id(u) + "\",\"status\":\"" + (deactivated ? "DEPROVISIONED" : suspended ? "SUSPENDED"
                    : "ACTIVE") + "\",\"created\":\"" + created + "\",\"activated\":\"" + created.plusSeconds(600)
                    + "\",\"statusChanged\":\"" + (deactivated || suspended ? model.daysAgo(5 + u % 60, u) : created.plusSeconds(600))
                    + "\",\"lastLogin\":" + (lastLogin == null ? "null" : "\"" + lastLogin + "\"") + ",\"lastUpdated\":\""
                    + model.daysAgo(3, u) + "\",\"passwordChanged\":\"" + model.daysAgo(30 + u % 300, u)
                    + "\",\"type\":{\"id\":\"otybench\"},\"profile\":{\"firstName\":\"Person\",\"lastName\":\"" + u
                    + "\",\"mobilePhone\":null,\"secondEmail\":" + (u % 10 == 0 ? "\"p" + u + "@personal.example\"" : "null")
                    + ",\"login\":\"" + email + "\",\"email\":\"" + email + "\"},\"credentials\":{\"password\":{},"
                    + "\"provider\":{\"type\":\"OKTA\",\"name\":\"OKTA\"}},\"_links\":{\"self\":{\"href\":\"" + base
                    + "/api/v1/users/" + id(u) + "\"}}}";
        }

        private String factors(int u) {
            StringBuilder json = new StringBuilder("[");
            int count = model.chance(6, "noFactor", u) ? 0 : 1 + model.roll("factors", u) % 3;
            String[][] kinds = {{"push", "OKTA"}, {"token:software:totp", "GOOGLE"}, {"webauthn", "FIDO"}, {"sms", "OKTA"}};
            for (int f = 0; f < count; f++) {
                String[] kind = kinds[(u + f) % kinds.length];
                json.append(f == 0 ? "" : ",").append("{\"id\":\"uft").append(u).append('x').append(f)
                        .append("\",\"factorType\":\"").append(kind[0]).append("\",\"provider\":\"").append(kind[1])
                        .append("\",\"vendorName\":\"").append(kind[1]).append("\",\"status\":\"")
                        .append(f == 0 || model.chance(80, "factorActive", u, f) ? "ACTIVE" : "PENDING_ACTIVATION")
                        .append("\",\"created\":\"").append(model.daysAgo(200, u)).append("\"}");
            }
            if (model.chance(30, "emailFactor", u)) {
                json.append(count == 0 ? "" : ",").append("{\"id\":\"emf").append(u)
                        .append("\",\"factorType\":\"email\",\"provider\":\"OKTA\",\"status\":\"ACTIVE\"}");
            }
            return json.append(']').toString();
        }

        private String roles(int u) {
            if (!model.chance(2, "oktaAdmin", u)) {
                return "[]";
            }
            String type = u % 7 == 0 ? "SUPER_ADMIN" : u % 2 == 0 ? "ORG_ADMIN" : "READ_ONLY_ADMIN";
            return "[{\"id\":\"ra" + u + "\",\"label\":\"" + type + "\",\"type\":\"" + type + "\",\"status\":\"ACTIVE\","
                    + "\"created\":\"" + model.daysAgo(100, u) + "\",\"assignmentType\":\"USER\"}]";
        }

        private String policies(String type) {
            if ("PASSWORD".equals(type)) {
                return "[" + passwordPolicy("00pbench1", "Default Policy", 2, 8, true) + ","
                        + passwordPolicy("00pbench2", "Employees", 1, 14, false) + "]";
            }
            return "[{\"id\":\"00pmfa1\",\"status\":\"ACTIVE\",\"name\":\"Default Policy\",\"priority\":2,\"system\":true,"
                    + "\"type\":\"MFA_ENROLL\",\"conditions\":{\"people\":{\"groups\":{\"include\":[\"00gall\"]}}},"
                    + "\"settings\":{\"type\":\"AUTHENTICATORS\",\"authenticators\":[{\"key\":\"okta_verify\",\"enroll\":"
                    + "{\"self\":\"OPTIONAL\"}},{\"key\":\"okta_email\",\"enroll\":{\"self\":\"REQUIRED\"}}]}},"
                    + "{\"id\":\"00pmfa2\",\"status\":\"ACTIVE\",\"name\":\"Employees MFA\",\"priority\":1,\"system\":false,"
                    + "\"type\":\"MFA_ENROLL\",\"conditions\":{\"people\":{\"groups\":{\"include\":[\"00gemployees\"]}}},"
                    + "\"settings\":{\"type\":\"AUTHENTICATORS\",\"authenticators\":[{\"key\":\"okta_verify\",\"enroll\":"
                    + "{\"self\":\"REQUIRED\"}},{\"key\":\"webauthn\",\"enroll\":{\"self\":\"OPTIONAL\"}}]}}]";
        }

        private static String passwordPolicy(String id, String name, int priority, int minLength, boolean system) {
            return "{\"id\":\"" + id + "\",\"status\":\"ACTIVE\",\"name\":\"" + name + "\",\"priority\":" + priority
                    + ",\"system\":" + system + ",\"type\":\"PASSWORD\",\"conditions\":{\"people\":{\"groups\":{\"include\":"
                    + "[\"00gall\"]}}},\"settings\":{\"password\":{\"complexity\":{\"minLength\":" + minLength
                    + ",\"minLowerCase\":1,\"minUpperCase\":1,\"minNumber\":1,\"minSymbol\":" + (system ? 0 : 1)
                    + ",\"excludeUsername\":true},\"age\":{\"maxAgeDays\":" + (system ? 0 : 90) + ",\"expireWarnDays\":0,"
                    + "\"minAgeMinutes\":" + (system ? 0 : 60) + ",\"historyCount\":" + (system ? 0 : 24) + "},\"lockout\":"
                    + "{\"maxAttempts\":" + (system ? 0 : 10) + ",\"autoUnlockMinutes\":30}}}}";
        }

        static String id(int u) {
            return String.format(Locale.ROOT, "00u%017d", u);
        }

        /** The user index in a path such as /api/v1/users/00u.../factors. */
        private static int user(String path) {
            int at = path.indexOf("00u");
            return Integer.parseInt(path.substring(at + 3, at + 20));
        }
    }

    /** Google's OAuth token endpoint (at /token) and the Admin SDK's users and admin audit listings. */
    static final class Google implements SyncBenchStub.Handler {

        private final SyncBenchModel model;

        Google(SyncBenchModel model) {
            this.model = model;
        }

        @Override
        public Answer handle(Request request) {
            String path = request.path();
            if (path.equals("/token") && request.method().equals("POST")) {
                Map<String, String> form = SyncBenchStub.form(request.bodyText());
                if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))
                        || form.getOrDefault("assertion", "").split("\\.").length != 3) {
                    return new Answer("google:token", 400, "application/json", "{\"error\":\"invalid_grant\","
                            + "\"error_description\":\"Invalid JWT\"}");
                }
                return new Answer("google:token", 200, "application/json", "{\"access_token\":\"" + GOOGLE_TOKEN
                        + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
            }
            if (!("Bearer " + GOOGLE_TOKEN).equals(request.header("Authorization"))) {
                return new Answer("google:401", 401, "application/json", "{\"error\":{\"code\":401,\"message\":"
                        + "\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}");
            }
            Map<String, String> q = request.query();
            if (path.equals("/admin/directory/v1/users")) {
                return users(q);
            }
            if (path.equals("/admin/reports/v1/activity/users/all/applications/admin")) {
                return suspensions(q);
            }
            return new Answer("google:404", 404, "application/json", "{\"error\":{\"code\":404,\"message\":\"Not Found\"}}");
        }

        /** A Google service account JSON key with a fresh RSA key (the stub does not check the signature). */
        static String serviceAccountKey() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                    + "\\n-----END PRIVATE KEY-----\\n";
            return "{\"type\":\"service_account\",\"project_id\":\"bench\",\"private_key_id\":\"bench0001\",\"private_key\":\""
                    + pem + "\",\"client_email\":\"evident@bench.iam.gserviceaccount.com\",\"client_id\":\"100000000000000000001\","
                    + "\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
        }

        boolean suspended(int u) {
            return u < model.people && model.terminated(u) && !model.chance(25, "googleKept", u)
                    || model.chance(1, "googleSuspended", u);
        }

        private Answer users(Map<String, String> q) {
            int max = Math.min(GOOGLE_MAX_PAGE, Integer.parseInt(q.getOrDefault("maxResults", "100")));
            String token = q.get("pageToken");
            int from = token == null ? 0 : Integer.parseInt(token.substring(1));
            int to = Math.min(model.googleUsers, from + max);
            StringBuilder json = new StringBuilder("{\"kind\":\"admin#directory#users\",\"etag\":\"\\\"bench\\\"\",\"users\":[");
            for (int u = from; u < to; u++) {
                String email = SyncBenchModel.email(u);
                boolean suspended = suspended(u);
                Instant lastLogin = model.chance(5, "googleNever", u) ? Instant.EPOCH : model.daysAgo(u % 40, u);
                json.append(u == from ? "" : ",").append("{\"kind\":\"admin#directory#user\",\"id\":\"1")
                        .append(String.format(Locale.ROOT, "%020d", u)).append("\",\"primaryEmail\":\"").append(email)
                        .append("\",\"name\":{\"givenName\":\"Person\",\"familyName\":\"").append(u)
                        .append("\",\"fullName\":\"Person ").append(u).append("\"},\"isAdmin\":")
                        .append(model.chance(1, "googleSuper", u)).append(",\"isDelegatedAdmin\":")
                        .append(model.chance(2, "googleDelegated", u)).append(",\"lastLoginTime\":\"").append(lastLogin)
                        .append("\",\"creationTime\":\"").append(model.daysAgo(500 + u % 900, u))
                        .append("\",\"agreedToTerms\":true,\"suspended\":").append(suspended)
                        .append(suspended ? ",\"suspensionReason\":\"ADMIN\"" : "").append(",\"archived\":false,")
                        .append("\"changePasswordAtNextLogin\":false,\"ipWhitelisted\":false,\"emails\":[{\"address\":\"")
                        .append(email).append("\",\"primary\":true}],\"aliases\":[\"p").append(u).append('@')
                        .append(SyncBenchModel.DOMAIN).append("\"],\"customerId\":\"C0bench01\",\"orgUnitPath\":\"/")
                        .append(u % 5 == 0 ? "Engineering" : "Staff").append("\",\"isMailboxSetup\":true,")
                        .append("\"isEnrolledIn2Sv\":").append(model.chance(88, "2sv", u)).append(",\"isEnforcedIn2Sv\":")
                        .append(model.chance(70, "2svEnforced", u)).append(",\"includeInGlobalAddressList\":true}");
            }
            json.append(']');
            if (to < model.googleUsers) {
                json.append(",\"nextPageToken\":\"g").append(to).append('"');
            }
            return new Answer("google:users", 200, "application/json; charset=UTF-8", json.append('}').toString());
        }

        private Answer suspensions(Map<String, String> q) {
            StringBuilder json = new StringBuilder("{\"kind\":\"admin#reports#activities\",\"items\":[");
            int n = 0;
            for (int u = 0; u < model.googleUsers; u++) {
                if (suspended(u) && u % 3 != 0) { // older suspensions are past the audit log's retention
                    json.append(n++ == 0 ? "" : ",").append("{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\"")
                            .append(model.daysAgo(5 + u % 60, u)).append("\",\"uniqueQualifier\":\"").append(u)
                            .append("\",\"applicationName\":\"admin\",\"customerId\":\"C0bench01\"},\"actor\":{\"email\":")
                            .append("\"admin@").append(SyncBenchModel.DOMAIN).append("\"},\"events\":[{\"type\":")
                            .append("\"USER_SETTINGS\",\"name\":\"SUSPEND_USER\",\"parameters\":[{\"name\":\"USER_EMAIL\",")
                            .append("\"value\":\"").append(SyncBenchModel.email(u)).append("\"}]}]}");
                }
            }
            return new Answer("google:activities", 200, "application/json; charset=UTF-8", json.append("]}").toString());
        }
    }
}
