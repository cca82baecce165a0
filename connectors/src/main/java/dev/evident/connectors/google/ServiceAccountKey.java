package dev.evident.connectors.google;

import dev.evident.connector.InvalidConfigException;
import dev.evident.connectors.http.Json;
import dev.evident.connectors.http.Jwt;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

import java.security.PrivateKey;

/**
 * The parts of a Google service account JSON key the connector uses. Parsed when the connector is
 * created, so a key that is not one fails as a settings error naming the field and the fix.
 */
record ServiceAccountKey(String clientEmail, String clientId, String privateKeyId, PrivateKey privateKey) {

    static final String HOW_TO_GET_ONE = "paste the whole JSON key file of the service account (Google Cloud "
            + "console > IAM & Admin > Service accounts > the account > Keys > Add key > Create new key > JSON)";

    static ServiceAccountKey parse(String json, String field) {
        JsonNode key;
        try {
            key = Json.MAPPER.readTree(json.strip());
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidConfigException(field, "Service account key does not parse as JSON" + where + " ("
                    + e.getOriginalMessage() + "); " + HOW_TO_GET_ONE);
        }
        if (key == null || !key.isObject()) {
            throw new InvalidConfigException(field, "Service account key must be a JSON object; " + HOW_TO_GET_ONE);
        }
        String type = Json.text(key, "type");
        if (!"service_account".equals(type)) {
            throw new InvalidConfigException(field, "Service account key has type " + (type == null ? "(none)" : "\""
                    + type + "\"") + ", not \"service_account\": this is not a service account key; " + HOW_TO_GET_ONE);
        }
        String clientEmail = required(key, "client_email", field);
        String clientId = required(key, "client_id", field);
        PrivateKey privateKey = Jwt.pkcs8(required(key, "private_key", field), field,
                "The private_key of the service account key", HOW_TO_GET_ONE);
        return new ServiceAccountKey(clientEmail, clientId, Json.text(key, "private_key_id"), privateKey);
    }

    private static String required(JsonNode key, String name, String field) {
        String value = Json.text(key, name);
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(field, "Service account key has no " + name + "; " + HOW_TO_GET_ONE);
        }
        return value;
    }
}
