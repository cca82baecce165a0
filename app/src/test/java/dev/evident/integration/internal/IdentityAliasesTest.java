package dev.evident.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evident.integration.internal.IdentityAliases.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityAliasesTest {

    @Test
    void anAccountWhoseAliasIsARosterEmailBelongsToThatPerson() {
        IdentityAliases aliases = IdentityAliases.of(List.of(
                new Entry("jane@acme.example", List.of(), true),
                new Entry("Jane.Doe@acme.example", List.of("JANE@acme.example"), false)));

        assertThat(aliases.person("jane.doe@acme.example")).isEqualTo("jane@acme.example");
        assertThat(aliases.person("jane@acme.example")).isEqualTo("jane@acme.example");
        assertThat(aliases.person("bob@acme.example")).as("an address no alias names stays itself").isEqualTo("bob@acme.example");
        assertThat(aliases.person(null)).isNull();
    }

    @Test
    void aRosterAliasJoinsAnAccountThroughSeveralHops() {
        IdentityAliases aliases = IdentityAliases.of(List.of(
                new Entry("jane@acme.example", List.of("jd@acme.example"), true),
                new Entry("jane.doe@acme.io", List.of("jd@acme.example"), false),
                new Entry("j@acme.io", List.of("jane.doe@acme.io"), false)));

        assertThat(aliases.person("jane.doe@acme.io")).isEqualTo("jane@acme.example");
        assertThat(aliases.person("j@acme.io")).isEqualTo("jane@acme.example");
        assertThat(aliases.person("jd@acme.example")).isEqualTo("jane@acme.example");
    }

    @Test
    void accountsOfSomeoneTheRosterDoesNotKnowStillJoinEachOther() {
        IdentityAliases aliases = IdentityAliases.of(List.of(
                new Entry("zed@contractor.example", List.of("zed@acme.example"), false)));

        assertThat(aliases.person("zed@contractor.example")).isEqualTo("zed@acme.example");
        assertThat(aliases.person("zed@acme.example")).isEqualTo("zed@acme.example");
    }

    @Test
    void aGroupThatReachesTwoRosterPeopleIsLeftApart() {
        IdentityAliases aliases = IdentityAliases.of(List.of(
                new Entry("ann@acme.example", List.of(), true),
                new Entry("bob@acme.example", List.of(), true),
                new Entry("shared@acme.example", List.of("ann@acme.example", "bob@acme.example"), false)));

        assertThat(aliases.person("shared@acme.example")).isEqualTo("shared@acme.example");
        assertThat(aliases.person("ann@acme.example")).isEqualTo("ann@acme.example");
        assertThat(aliases.person("bob@acme.example")).isEqualTo("bob@acme.example");
        assertThat(aliases.ambiguous()).containsExactlyInAnyOrder("ann@acme.example", "bob@acme.example", "shared@acme.example");
    }

    @Test
    void theColumnKeepsWholeLowerCasedAddressesWithinItsLength() {
        assertThat(IdentityAliases.column(List.of("A@x.example", "not an address", "b@x.example"), 100))
                .isEqualTo("a@x.example b@x.example");
        assertThat(IdentityAliases.column(List.of("a@x.example", "much-longer@x.example", "b@x.example"), 23))
                .isEqualTo("a@x.example b@x.example");
        assertThat(IdentityAliases.column(List.of(), 100)).isNull();
        assertThat(IdentityAliases.fromColumn("a@x.example b@x.example")).containsExactly("a@x.example", "b@x.example");
        assertThat(IdentityAliases.fromColumn(null)).isEmpty();
    }
}
