package dev.evident.control.internal;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.problem.PayloadTooLargeException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.web.RequestBodyLimit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Controls as code over the API: export the organization's controls as YAML, import a file (dry run
 * by default). Literal paths (/export, /import) take precedence over ControlApi's /{controlId}.
 */
@RestController
@RequestMapping("/api/v1/controls")
@Tag(name = "Controls", description = "The organization's controls, their criteria, owners and lifecycle; the library")
class ControlsAsCodeApi {

    static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

    record Summary(int added, int changed, int removed, int unchanged) {
    }

    record ChangeView(String ref, Map<String, Object> changes) {
    }

    /**
     * @param applied true when the organization now matches the file (also when nothing needed to change)
     * @param sha256  of the bytes received, as recorded in the audit log
     */
    record ImportView(boolean dryRun, boolean applied, String file, String sha256, Summary summary, List<String> added,
                      List<ChangeView> changed, List<String> removed) {

        static ImportView of(ImportPlan plan, boolean dryRun) {
            return new ImportView(dryRun, !dryRun, plan.file(), plan.sha256(), new Summary(plan.added().size(),
                    plan.changed().size(), plan.removed().size(), plan.unchanged()), plan.addedRefs(),
                    plan.changed().stream().map(c -> new ChangeView(c.ref(), c.changes())).toList(), plan.removedRefs());
        }
    }

    /** The import endpoint takes files up to evident.controls.import-max-size instead of the general API limit. */
    @Configuration(proxyBeanMethods = false)
    static class Limits {
        @Bean
        RequestBodyLimit controlsImportBodyLimit(EvidentProperties properties) {
            return new RequestBodyLimit(ControlsAsCode.IMPORT_PATH, properties.controls().importMaxSize(),
                    ControlsAsCode.SIZE_SETTING);
        }
    }

    private final ControlsAsCode controlsAsCode;

    ControlsAsCodeApi(ControlsAsCode controlsAsCode) {
        this.controlsAsCode = controlsAsCode;
    }

    @GetMapping("/export")
    @RequiresPermission(Permission.CONTROLS_READ)
    @Operation(summary = "Export controls as YAML", description = "The organization's controls and their criteria as a "
            + "controls-as-code file (format evident-controls/1, see docs/controls-as-code.md). Deterministic: the same "
            + "controls give the same bytes. Lifecycle status is not included.")
    @ApiResponse(responseCode = "200", description = "controls.yaml",
            content = @Content(mediaType = "application/yaml", schema = @Schema(type = "string")))
    ResponseEntity<byte[]> export(Actor actor) {
        return ResponseEntity.ok().contentType(YAML)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(ControlsFile.DEFAULT_NAME).build().toString())
                .body(controlsAsCode.export(actor));
    }

    @PostMapping(path = "/import", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @RequiresPermission(Permission.CONTROLS_MANAGE)
    @Operation(summary = "Import controls from YAML", description = "The file is the source of truth for the control "
            + "definitions: controls only in the file are added (Defined), controls in both are updated where they "
            + "differ, controls only in Evident are removed. dryRun=true (the default) only reports what would change. "
            + "Every problem is reported with file, line and column; nothing is imported while there is any. Status is "
            + "never changed.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The controls file",
            content = @Content(mediaType = "application/yaml", schema = @Schema(type = "string")))
    ImportView importFile(Actor actor,
                          @Parameter(description = "Only report what would change (default)")
                          @RequestParam(defaultValue = "true") boolean dryRun,
                          @Parameter(description = "The file's name, used in error messages and the audit log")
                          @RequestParam(defaultValue = ControlsFile.DEFAULT_NAME) String fileName,
                          InputStream body) throws IOException {
        byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, controlsAsCode.maxSize() + 1));
        if (content.length > controlsAsCode.maxSize()) {
            throw new PayloadTooLargeException(controlsAsCode.maxSize(), ControlsAsCode.SIZE_SETTING);
        }
        ImportPlan plan = dryRun ? controlsAsCode.plan(actor, fileName, content)
                : controlsAsCode.apply(actor, fileName, content);
        return ImportView.of(plan, dryRun);
    }
}
