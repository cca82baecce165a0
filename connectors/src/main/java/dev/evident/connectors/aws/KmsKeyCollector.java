package dev.evident.connectors.aws;

import dev.evident.connector.CollectedResource;
import dev.evident.connector.CollectionException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code aws.kms_key}: customer managed KMS keys in each region (AWS managed keys rotate by
 * themselves and are left out) with automatic rotation. Rotation can only be turned on for
 * symmetric keys with key material from KMS; for the others {@code rotationEnabled} is null.
 */
final class KmsKeyCollector extends AwsCollector {

    static final String TYPE = "aws.kms_key";

    KmsKeyCollector(AwsAccounts accounts) {
        super(accounts, TYPE, true);
    }

    @Override
    protected List<CollectedResource> read(Scope scope) throws CollectionException {
        KmsClient kms = accounts.clients().build(KmsClient.builder(), scope.account().credentials(), scope.region());
        List<KeyListEntry> keys = scope.call("kms:ListKeys", () -> kms.listKeysPaginator().keys().stream().toList());
        List<CollectedResource> result = new ArrayList<>();
        for (CollectedResource key : scope.each(keys, entry -> key(scope, kms, entry))) {
            if (key != null) {
                result.add(key);
            }
        }
        return result;
    }

    /** A customer managed key with its rotation, or null for a key AWS manages. */
    private static CollectedResource key(Scope scope, KmsClient kms, KeyListEntry entry) throws CollectionException {
        KeyMetadata key = scope.call("kms:DescribeKey", () -> kms.describeKey(r -> r.keyId(entry.keyArn())).keyMetadata());
        if (key.keyManager() != KeyManagerType.CUSTOMER) {
            return null;
        }
        boolean rotatable = key.keySpec() == KeySpec.SYMMETRIC_DEFAULT && key.origin() == OriginType.AWS_KMS
                && (key.keyState() == KeyState.ENABLED || key.keyState() == KeyState.DISABLED);
        GetKeyRotationStatusResponse rotation = rotatable ? scope.call("kms:GetKeyRotationStatus",
                () -> kms.getKeyRotationStatus(r -> r.keyId(key.keyId()))) : null;
        ObjectNode attributes = scope.attributes();
        attributes.put("keyId", key.keyId());
        attributes.put("arn", key.arn());
        attributes.put("description", key.description());
        attributes.put("keyState", key.keyStateAsString());
        attributes.put("enabled", key.enabled());
        attributes.put("keySpec", key.keySpecAsString());
        attributes.put("keyUsage", key.keyUsageAsString());
        attributes.put("origin", key.originAsString());
        attributes.put("multiRegion", key.multiRegion());
        attributes.put("createdAt", IamUserCollector.text(key.creationDate()));
        attributes.put("rotationEnabled", rotation == null ? null : rotation.keyRotationEnabled());
        attributes.put("rotationPeriodDays", rotation == null ? null : rotation.rotationPeriodInDays());
        String name = key.description() == null || key.description().isBlank() ? key.keyId() : key.description();
        return scope.resource(TYPE, key.arn(), name, attributes);
    }
}
