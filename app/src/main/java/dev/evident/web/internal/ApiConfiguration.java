package dev.evident.web.internal;

import dev.evident.shared.security.Actor;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** API-wide settings: JSON only, and an OpenAPI document that describes bearer authentication. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

    static {
        // The Actor is resolved from the bearer token, never sent by the client: keep it out of the
        // OpenAPI document, where it would otherwise appear as a required "actor" query parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    /**
     * Libraries on the class path (YAML, via the OpenAPI tooling) would otherwise let clients send
     * bodies in formats that skip JSON's strictness, such as the refusal of unknown fields.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(c -> c.getSupportedMediaTypes().stream().anyMatch(ApiConfiguration::isAlternativeFormat));
    }

    private static boolean isAlternativeFormat(MediaType type) {
        String subtype = type.getSubtype();
        return subtype.contains("yaml") || subtype.contains("xml") || subtype.contains("cbor") || subtype.contains("smile");
    }

    @Bean
    OpenAPI evidentOpenApi(ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null ? "v1" : build.getIfAvailable().getVersion();
        return new OpenAPI()
                .info(new Info().title("Evident API").version(version)
                        .description("SOC 2 compliance platform. Authenticate with `Authorization: Bearer <token>`; "
                                + "lists use cursor pagination (`limit`, `cursor` → `items`, `nextCursor`); errors are "
                                + "RFC 9457 problem details whose `type` links to /api/problems.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token created in Evident (Organization → API tokens)")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
