package dev.evident.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    /** The SHA-1 seed of RFC 6238 appendix B. */
    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void rfcSeedEncodesToTheWellKnownBase32Secret() {
        assertThat(RFC_SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @ParameterizedTest(name = "at T={0} the authenticator shows {1}")
    @CsvSource({
            "59,         287082",
            "1111111109, 081804",
            "1111111111, 050471",
            "1234567890, 005924",
            "2000000000, 279037",
            "20000000000, 353130"})
    void codesMatchTheRfc6238TestVectorsTruncatedToSixDigits(long epochSecond, String expected) {
        assertThat(Totp.codeAt(RFC_SECRET, at(epochSecond))).isEqualTo(expected);
        assertThat(Totp.matchingStep(RFC_SECRET, expected, at(epochSecond))).isEqualTo(epochSecond / 30);
    }

    @Test
    void codeWithLeadingZerosKeepsAllSixDigits() {
        assertThat(Totp.codeAt(RFC_SECRET, at(1234567890))).hasSize(6).startsWith("00");
    }

    @Test
    void codeFromOneStepEarlierOrLaterIsAcceptedForClockDrift() {
        long now = 1_700_000_000L;
        String previous = Totp.codeAt(RFC_SECRET, at(now - 30));
        String next = Totp.codeAt(RFC_SECRET, at(now + 30));

        assertThat(Totp.matchingStep(RFC_SECRET, previous, at(now))).isEqualTo(now / 30 - 1);
        assertThat(Totp.matchingStep(RFC_SECRET, next, at(now))).isEqualTo(now / 30 + 1);
    }

    @Test
    void codeFromTwoStepsAwayIsRefused() {
        long now = 1_700_000_000L;
        String twoStepsAgo = Totp.codeAt(RFC_SECRET, at(now - 60));
        String twoStepsAhead = Totp.codeAt(RFC_SECRET, at(now + 60));

        assertThat(Totp.matchingStep(RFC_SECRET, twoStepsAgo, at(now))).isEqualTo(-1);
        assertThat(Totp.matchingStep(RFC_SECRET, twoStepsAhead, at(now))).isEqualTo(-1);
    }

    @Test
    void codeTypedWithASpaceInTheMiddleIsAccepted() {
        assertThat(Totp.matchingStep(RFC_SECRET, "287 082", at(59))).isEqualTo(1);
    }

    @Test
    void codeForAnotherSecretIsRefused() {
        String other = Totp.base32("abcdefghijabcdefghij".getBytes(StandardCharsets.US_ASCII));
        assertThat(Totp.matchingStep(other, "287082", at(59))).isEqualTo(-1);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource({"28708a", "abcdef", "28708", "2870822", "''", "'      '", "-28708", "２８７０８２"})
    void malformedCodesAreRefused(String code) {
        assertThat(Totp.matchingStep(RFC_SECRET, code, at(59))).isEqualTo(-1);
    }

    @Test
    void missingCodeIsRefused() {
        assertThat(Totp.matchingStep(RFC_SECRET, null, at(59))).isEqualTo(-1);
    }

    @Test
    void enrolmentUriNamesIssuerAccountAndSecret() {
        String secret = Totp.newSecret();

        String uri = Totp.otpauthUri("Evident", "maya@brightwave.example", secret);

        assertThat(uri).startsWith("otpauth://totp/Evident%3Amaya%40brightwave.example?")
                .contains("secret=" + secret)
                .contains("issuer=Evident")
                .contains("algorithm=SHA1", "digits=6", "period=30");
    }

    @Test
    void enrolmentUriEncodesSpacesInTheIssuerAsPercentTwenty() {
        String uri = Totp.otpauthUri("Acme Cloud", "a b@acme.example", "GEZDGNBV");

        assertThat(uri).contains("issuer=Acme%20Cloud").contains("Acme%20Cloud%3Aa%20b%40acme.example")
                .doesNotContain("+");
    }

    @Test
    void newSecretsAre160BitsOfBase32AndDifferEachTime() {
        String first = Totp.newSecret();
        String second = Totp.newSecret();

        assertThat(first).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.unbase32(first)).hasSize(20);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void base32RoundTripsEveryLength() {
        Random random = new Random(6238);
        for (int length = 0; length <= 41; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(Totp.unbase32(Totp.base32(data))).as("length %d", length).isEqualTo(data);
        }
    }

    @Test
    void base32DecodingIgnoresCasePaddingAndSpaces() {
        assertThat(Totp.unbase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"))
                .isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThat(Totp.unbase32("MZXW6===")).isEqualTo("foo".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void base32MatchesTheRfc4648Examples() {
        assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    }

    @Test
    void secretWithCharactersOutsideTheBase32AlphabetIsRejected() {
        assertThatThrownBy(() -> Totp.unbase32("GEZD1NBV")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1");
    }
}
