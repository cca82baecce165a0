package dev.evident.connectors.aws;

import dev.evident.connector.CollectionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/**
 * Turns SDK failures into collection failures that say what to fix. The SDK has already retried
 * throttling and 5xx answers by the time an exception gets here, so those stay retryable;
 * permission and credential problems are permanent until someone changes the setup.
 */
final class AwsErrors {

    static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "AuthorizationError", "UnauthorizedAccess", "AuthorizationErrorException");
    static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired",
            "TokenRefreshRequired");
    static final Set<String> BAD_CREDENTIALS = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "AuthFailure", "InvalidAccessKeyId", "IncompleteSignature");
    static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown",
            "RequestThrottled", "ProvisionedThroughputExceededException", "BandwidthLimitExceeded",
            "LimitExceededException", "EC2ThrottledException", "PriorRequestNotComplete");

    private AwsErrors() {
    }

    /** The AWS error code of a service exception, or null for client-side failures. */
    static String code(SdkException e) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : null;
    }

    /**
     * @param action the IAM action of the failed call, e.g. {@code iam:ListUsers}
     * @param where  the account and region, e.g. {@code account 123456789012 in eu-west-1}
     */
    static CollectionException translate(SdkException e, String action, String where) {
        String code = code(e);
        String detail = detail(e);
        if (code == null) {
            if (e instanceof AwsServiceException service && service.statusCode() == 401) {
                // EC2 sends OptInRequired (region not enabled) and credential errors as 401; the
                // URL-connection client does not pass on a 401's body, so the code is unknown.
                return CollectionException.permanent("AWS refused " + action + " for " + where + " with HTTP 401: "
                        + "either the region is not enabled for the account (enable the region under Account > AWS "
                        + "Regions, or remove it from the connection's regions) or the credentials are not accepted", e);
            }
            if (e instanceof SdkClientException) {
                return CollectionException.retryable("could not call " + action + " for " + where + ": "
                        + e.getMessage() + ". Check the network path to AWS (or the endpoint override)", e);
            }
            return CollectionException.permanent(action + " failed for " + where + ": " + e.getMessage(), e);
        }
        if (ACCESS_DENIED.contains(code)) {
            return CollectionException.permanent("AWS denied " + action + " for " + where + " (" + detail + "). Allow "
                    + action + " in the policy of the role or user Evident uses (see the read-only policy in the "
                    + "connector docs), and check that no service control policy denies it", e);
        }
        if (EXPIRED.contains(code)) {
            return CollectionException.permanent("the AWS credentials have expired (" + detail + " on " + action
                    + " for " + where + "). Temporary credentials (a session token) expire: use a long-lived access "
                    + "key of a dedicated IAM user instead, or paste fresh ones", e);
        }
        if (BAD_CREDENTIALS.contains(code)) {
            return CollectionException.permanent("AWS did not accept the credentials for " + action + " in " + where
                    + " (" + detail + "). Check the access key ID and secret access key (IAM > Users > Security "
                    + "credentials), that the key is active, and that the region is enabled for the account", e);
        }
        if ("OptInRequired".equals(code)) {
            return CollectionException.permanent("the region is not enabled for " + where + " (" + detail + " on "
                    + action + "). Enable it under Account > AWS Regions, or remove it from the connection's regions", e);
        }
        int status = e instanceof AwsServiceException service ? service.statusCode() : 0;
        if (THROTTLED.contains(code) || status == 429 || status >= 500) {
            return CollectionException.retryable("AWS kept refusing " + action + " for " + where + " after retries ("
                    + detail + "); the next sync tries again", e);
        }
        return CollectionException.permanent(action + " failed for " + where + " (" + detail + ")", e);
    }

    /** "Code: message" of a service exception, without the SDK's request id trailer. */
    static String detail(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String message = service.awsErrorDetails().errorMessage();
            return service.awsErrorDetails().errorCode() + (message == null ? "" : ": " + message);
        }
        return e.getMessage();
    }
}
