package dev.evident.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void longUnusualPassphraseIsAccepted() {
        assertThat(policy.problems("granite river lantern 42", "maya@brightwave.example")).isEmpty();
    }

    @Test
    void passwordOfExactlyTwelveCharactersIsAccepted() {
        assertThat(policy.problems("kx7#Qm2!vR9p", null)).isEmpty();
    }

    @Test
    void shortPasswordIsRefusedNamingTheMinimumAndItsLength() {
        assertThat(policy.problems("Tr0ub4dor&", null))
                .containsExactly("must be at least 12 characters long (it has 10)");
    }

    @Test
    void missingPasswordIsRequired() {
        assertThat(policy.problems(null, null)).containsExactly("is required");
        assertThat(policy.problems("", "maya@brightwave.example")).containsExactly("is required");
    }

    @Test
    void commonPasswordIsRefusedWhateverItsCase() {
        assertThat(policy.problems("Password1234", null)).containsExactly("is on the list of commonly used passwords");
        assertThat(policy.problems("CorrectHorseBatteryStaple", null)).contains("is on the list of commonly used passwords");
    }

    @Test
    void passwordContainingTheEmailLocalPartIsRefused() {
        assertThat(policy.problems("Maya-loves-long-passwords", "maya@brightwave.example"))
                .containsExactly("must not contain your email address");
    }

    @Test
    void veryShortEmailLocalPartDoesNotRestrictThePassword() {
        assertThat(policy.problems("al is a fine fellow indeed", "al@brightwave.example")).isEmpty();
    }

    @Test
    void passwordWithFewerThanFiveDistinctCharactersIsRefused() {
        assertThat(policy.problems("abcdabcdabcdabcd", null)).containsExactly("must use at least 5 different characters");
        assertThat(policy.problems("abcdeabcdeabcde", null)).isEmpty();
    }

    @Test
    void passwordLongerThan128CharactersIsRefused() {
        String tooLong = "correct staple horse battery ".repeat(5);
        assertThat(tooLong).hasSizeGreaterThan(PasswordPolicy.MAX_LENGTH);

        assertThat(policy.problems(tooLong, null)).containsExactly("must be at most 128 characters long");
        assertThat(policy.problems(tooLong.substring(0, 128), null)).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(policy.problems("aaaa", null)).containsExactly(
                "must be at least 12 characters long (it has 4)", "must use at least 5 different characters");
    }
}
