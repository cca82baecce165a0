package dev.evident;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Evident: a self-hosted SOC 2 compliance platform. Each direct sub-package is an application
 * module (Spring Modulith); {@code shared} holds the kernel types every module may use.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EvidentApplication {

    public static void main(String[] args) {
        SpringApplication.run(EvidentApplication.class, args);
    }
}
