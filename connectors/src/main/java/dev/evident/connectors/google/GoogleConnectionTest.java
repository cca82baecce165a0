package dev.evident.connectors.google;

import dev.evident.connector.CollectionException;
import dev.evident.connector.ConnectionTestResult;
import dev.evident.connectors.http.ApiException;
import dev.evident.connectors.http.StepLog;

import java.time.Clock;

/**
 * The "Test connection" steps, each naming the fix when it fails. A key that does not parse never
 * gets here: the factory refuses it, and the app shows that as a failed "Settings" step.
 */
final class GoogleConnectionTest {

    static final String KEY = "Read the service account key";
    static final String TOKEN = "Get an access token (domain-wide delegation)";
    static final String USERS = "Read users";
    static final String AUDIT = "Read suspension events (admin audit log)";

    private final GoogleApi api;
    private final String customerId;
    private final boolean readSuspensionTimes;
    private final Clock clock;
    private final StepLog steps = new StepLog();

    GoogleConnectionTest(GoogleApi api, String customerId, boolean readSuspensionTimes, Clock clock) {
        this.api = api;
        this.customerId = customerId;
        this.readSuspensionTimes = readSuspensionTimes;
        this.clock = clock;
    }

    ConnectionTestResult run() {
        ServiceAccountKey key = api.auth().key();
        steps.pass(KEY, "service account " + key.clientEmail() + ", client ID " + key.clientId());
        if (token()) {
            readUsers();
            if (readSuspensionTimes) {
                readAuditLog();
            }
        }
        return steps.result();
    }

    private boolean token() {
        try {
            api.auth().authorization();
            steps.pass(TOKEN, "access token obtained for the scopes "
                    + String.join(", ", api.auth().scopes()) + ", valid until " + api.auth().expiresAt());
            return true;
        } catch (CollectionException e) {
            steps.fail(TOKEN, e.getMessage());
            return false;
        }
    }

    private void readUsers() {
        try {
            api.get(GoogleUserCollector.usersPath(customerId, 1), GoogleApi.USERS_NEED);
            steps.pass(USERS, "users of customer " + customerId + " are readable");
        } catch (ApiException e) {
            String checkCustomer = "Check the customer ID \"" + customerId + "\": use my_customer for the account "
                    + "of the admin to act as, or the ID under Admin console > Account > Account settings (it starts "
                    + "with C, e.g. C01abc23d)";
            String message = switch (e.status()) {
                case 400, 404 -> e.getMessage() + ". " + checkCustomer;
                case 403 -> e.getMessage() + (customerId.equals(GoogleWorkspaceConnectorFactory.MY_CUSTOMER) ? ""
                        : ". " + checkCustomer + "; a customer ID of another account is also refused with 403");
                default -> e.getMessage();
            };
            steps.fail(USERS, message);
        } catch (CollectionException e) {
            steps.fail(USERS, e.getMessage());
        }
    }

    private void readAuditLog() {
        try {
            api.get(SuspensionEvents.path(customerId, clock.instant(), 1), GoogleApi.AUDIT_NEED);
            steps.pass(AUDIT, "suspension events are readable");
        } catch (CollectionException e) {
            steps.fail(AUDIT, e.getMessage() + ". Or turn off \"Read suspension times\" to collect "
                    + "without them");
        }
    }
}
