package dev.evident.evidence.internal.blob;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.config.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the evidence content store from {@code evident.evidence.store} and prepares the staging folder. */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BlobStoreConfiguration.class);

    /** Where uploads are written while they arrive; on the data disk, so moving them into place is a rename. */
    @Bean
    StagingArea stagingArea(EvidentProperties properties) {
        Path dir = properties.dataDir().resolve("evidence").resolve(".staging");
        // Files left by a process that was killed mid-upload belong to no item: clear them at start.
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, "upload-*.part")) {
                for (Path file : leftovers) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                log.warn("Could not clear the evidence staging folder {}: {}", dir, e.getMessage());
            }
        }
        return new StagingArea(dir);
    }

    @Bean
    BlobStore blobStore(EvidentProperties properties) {
        String store = properties.evidence().store() == null ? "local" : properties.evidence().store().trim();
        return switch (store) {
            case "local" -> new LocalBlobStore(properties.dataDir().resolve("evidence").resolve("blobs"));
            case "s3" -> {
                S3BlobStore s3 = S3BlobStore.create(properties.evidence().s3());
                s3.checkBucket();
                log.info("Evidence content is stored in {}", s3.describe());
                yield s3;
            }
            default -> throw new InvalidConfigurationException("EVIDENT_EVIDENCE_STORE", "is '" + store + "'",
                    "Use 'local' (files under EVIDENT_DATA_DIR, the default) or 's3' (with EVIDENT_EVIDENCE_S3_BUCKET set).");
        };
    }
}
