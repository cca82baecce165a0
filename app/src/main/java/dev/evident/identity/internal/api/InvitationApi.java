package dev.evident.identity.internal.api;

import dev.evident.identity.internal.RoleInput;
import dev.evident.identity.internal.InvitationService;
import dev.evident.identity.internal.Invitations.Invitation;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.Role;
import dev.evident.shared.web.PublicUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/invitations")
@Tag(name = "Invitations", description = "Invite people by link")
class InvitationApi {

    record InvitationView(UUID id, String email, Role role, String status, UUID invitedBy, Instant createdAt,
                          Instant expiresAt) {
        static InvitationView of(Invitation i, Instant now) {
            return new InvitationView(i.id(), i.email(), i.role(), i.status(now).name(), i.invitedBy(), i.createdAt(),
                    i.expiresAt());
        }
    }

    /** Returned once on creation: the link is not stored and cannot be shown again. */
    record CreatedInvitationView(InvitationView invitation, String acceptUrl) {
    }

    record NewInvitation(String email, String role) {
    }

    private final InvitationService invitations;
    private final PublicUrls urls;
    private final Clock clock;

    InvitationApi(InvitationService invitations, PublicUrls urls, Clock clock) {
        this.invitations = invitations;
        this.urls = urls;
        this.clock = clock;
    }

    @PostMapping
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Invite someone", description = "The response carries the acceptance link, shown only once")
    ResponseEntity<CreatedInvitationView> create(Actor actor, @RequestBody NewInvitation body) {
        var created = invitations.invite(actor, body.email(), body.role() == null ? null : RoleInput.parse("role", body.role()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedInvitationView(
                InvitationView.of(created.invitation(), clock.instant()), urls.absolute(created.acceptPath())));
    }

    @GetMapping
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "List invitations", description = "Newest first, cursor-paginated")
    Page<InvitationView> list(Actor actor, @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        Instant now = clock.instant();
        return invitations.list(actor, PageRequest.of(limit, cursor)).map(i -> InvitationView.of(i, now));
    }

    @GetMapping("/{invitationId}")
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Get an invitation")
    InvitationView get(Actor actor, @PathVariable String invitationId) {
        return InvitationView.of(invitations.get(actor, Ids.parseOrNotFound(invitationId, "Invitation")), clock.instant());
    }

    @DeleteMapping("/{invitationId}")
    @RequiresPermission(Permission.INVITATIONS_MANAGE)
    @Operation(summary = "Revoke a pending invitation")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable String invitationId) {
        invitations.revoke(actor, Ids.parseOrNotFound(invitationId, "Invitation"));
        return ResponseEntity.noContent().build();
    }
}
