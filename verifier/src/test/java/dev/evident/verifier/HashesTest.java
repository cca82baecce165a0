package dev.evident.verifier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashesTest {

    @Test
    void sha256OfEmptyInputIsTheWellKnownValue() {
        assertThat(Hashes.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void stringsAreHashedAsUtf8() {
        assertThat(Hashes.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hashes.sha256Hex("é")).isEqualTo(Hashes.sha256Hex(new byte[] {(byte) 0xc3, (byte) 0xa9}));
    }

    @Test
    void matchesHexComparesWithoutFormatting() {
        byte[] digest = Hashes.sha256("abc");
        assertThat(Hashes.matchesHex(digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")).isTrue();
        assertThat(Hashes.matchesHex(digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ae")).isFalse();
        assertThat(Hashes.matchesHex(digest, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")).isFalse();
        assertThat(Hashes.matchesHex(digest, "ba7816bf")).isFalse();
        assertThat(Hashes.matchesHex(digest, null)).isFalse();
        assertThat(Hashes.matchesHex(digest, "zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")).isFalse();
    }
}
