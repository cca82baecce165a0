package dev.evident.identity.internal.api;

import dev.evident.identity.internal.OrganizationService;
import dev.evident.identity.internal.Organizations.Organization;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.Role;
import dev.evident.shared.security.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Organization", description = "The organization the token belongs to, and the caller")
class OrganizationApi {

    record OrganizationView(UUID id, String name, String slug, Instant createdAt, long version) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(o.id(), o.name(), o.slug(), o.createdAt(), o.version());
        }
    }

    record OrganizationUpdate(String name, Long version) {
    }

    record MeView(String type, UUID id, String label, UUID organizationId, Role role, List<String> permissions) {
    }

    private final OrganizationService organizations;

    OrganizationApi(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/me")
    @SignedIn
    @Operation(summary = "Who am I", description = "The caller, its organization, role and permissions")
    MeView me(Actor actor) {
        List<String> permissions = actor.role() == null ? List.of()
                : actor.role().permissions().stream().map(Enum::name).sorted().toList();
        return new MeView(actor.type().name(), actor.id(), actor.label(), actor.orgId(), actor.role(), permissions);
    }

    @GetMapping("/organization")
    @RequiresPermission(Permission.ORGANIZATION_READ)
    @Operation(summary = "Get the organization")
    OrganizationView get(Actor actor) {
        return OrganizationView.of(organizations.get(actor.orgId()));
    }

    @PatchMapping("/organization")
    @RequiresPermission(Permission.ORGANIZATION_MANAGE)
    @Operation(summary = "Rename the organization", description = "Send the version you read; a stale version gets 409")
    OrganizationView update(Actor actor, @RequestBody OrganizationUpdate update) {
        if (update.version() == null) {
            throw new InvalidInputException("version", "is required (optimistic locking): send the version you read");
        }
        return OrganizationView.of(organizations.rename(actor, update.name(), update.version()));
    }
}
