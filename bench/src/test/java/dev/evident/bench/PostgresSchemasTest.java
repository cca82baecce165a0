package dev.evident.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresSchemasTest {

    @Test
    void schemaNamesAreFreshSafeIdentifiers() {
        String a = PostgresSchemas.randomName();
        String b = PostgresSchemas.randomName();

        assertThat(a).matches("bench_[0-9a-f]{12}").isNotEqualTo(b);
    }

    @Test
    void currentSchemaIsAddedAsTheFirstOrAnExtraParameter() {
        assertThat(PostgresSchemas.urlWithSchema("jdbc:postgresql://127.0.0.1:5432/postgres", "bench_0a1b2c3d4e5f"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=bench_0a1b2c3d4e5f");
        assertThat(PostgresSchemas.urlWithSchema("jdbc:postgresql://127.0.0.1/postgres?ssl=false", "bench_0a1b2c3d4e5f"))
                .isEqualTo("jdbc:postgresql://127.0.0.1/postgres?ssl=false&currentSchema=bench_0a1b2c3d4e5f");
    }
}
