package dev.evident.shared.web;

import dev.evident.shared.config.EvidentProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Absolute links for things sent outside the browser session (invitation links). */
@Component
public class PublicUrls {

    private final EvidentProperties properties;

    PublicUrls(EvidentProperties properties) {
        this.properties = properties;
    }

    public String absolute(String path) {
        String base = properties.publicUrl();
        if (base == null || base.isBlank()) {
            base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        }
        return base.replaceAll("/+$", "") + path;
    }
}
