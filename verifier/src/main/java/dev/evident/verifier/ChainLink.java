package dev.evident.verifier;

import java.util.Map;

/**
 * One entry of a hash chain as stored or exported: its position, identity, the hash it claims to
 * follow, its own hash, and the content that hash covers.
 */
public record ChainLink(long seq, String id, String prevHash, String hash, Map<String, Object> content) {
}
