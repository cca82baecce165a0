package dev.evident.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailsTest {

    @Test
    void addressesAreComparedTrimmedAndLowerCased() {
        assertThat(Emails.normalize("  Maya.Chen@BrightWave.Example ")).isEqualTo("maya.chen@brightwave.example");
    }

    @Test
    void missingAddressNormalizesToEmpty() {
        assertThat(Emails.normalize(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"maya@brightwave.example", "Maya.Chen+soc2@Brightwave.Example", " elena@ruizhart-cpa.example ",
            "a@b.co", "o'brien@mail.acme.example"})
    void practicalAddressesAreAccepted(String email) {
        assertThat(Emails.problem(email)).isEmpty();
    }

    @Test
    void missingOrBlankAddressIsRequired() {
        assertThat(Emails.problem(null)).contains("is required");
        assertThat(Emails.problem("   ")).contains("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"maya", "maya@", "@brightwave.example", "maya@brightwave", "maya@@brightwave.example",
            "maya chen@brightwave.example", "maya@brightwave..example", "maya@.example", "maya@brightwave.example."})
    void malformedAddressesAreRefused(String email) {
        assertThat(Emails.problem(email)).contains("is not a valid email address");
    }

    @Test
    void localPartLongerThan64CharactersIsRefused() {
        assertThat(Emails.problem("a".repeat(64) + "@acme.example")).isEmpty();
        assertThat(Emails.problem("a".repeat(65) + "@acme.example")).contains("is not a valid email address");
    }

    @Test
    void addressLongerThan320CharactersIsRefused() {
        String domain = ("d".repeat(60) + ".").repeat(6) + "example";
        String address = "maya@" + domain;
        assertThat(address).hasSizeGreaterThan(320);

        assertThat(Emails.problem(address)).contains("is not a valid email address");
    }
}
