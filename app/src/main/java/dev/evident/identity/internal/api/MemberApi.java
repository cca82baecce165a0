package dev.evident.identity.internal.api;

import dev.evident.identity.internal.RoleInput;
import dev.evident.identity.internal.MemberService;
import dev.evident.identity.internal.Memberships.Member;
import dev.evident.shared.Ids;
import dev.evident.shared.Page;
import dev.evident.shared.PageRequest;
import dev.evident.shared.problem.InvalidInputException;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.Permission;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/members")
@Tag(name = "Members", description = "People in the organization and their roles")
class MemberApi {

    record MemberView(UUID userId, String email, String displayName, Role role, boolean twoFactorEnabled,
                      Instant lastSignInAt, Instant joinedAt, long version) {
        static MemberView of(Member m) {
            return new MemberView(m.userId(), m.email(), m.displayName(), m.role(), m.twoFactor(), m.lastSignInAt(),
                    m.joinedAt(), m.version());
        }
    }

    record MemberUpdate(String role, Long version) {
    }

    private final MemberService members;

    MemberApi(MemberService members) {
        this.members = members;
    }

    @GetMapping
    @RequiresPermission(Permission.MEMBERS_READ)
    @Operation(summary = "List members", description = "Cursor-paginated; optionally filtered by role")
    Page<MemberView> list(Actor actor, @RequestParam(required = false) String role,
                          @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return members.list(actor, PageRequest.of(limit, cursor), role == null ? null : RoleInput.parse("role", role))
                .map(MemberView::of);
    }

    @GetMapping("/{userId}")
    @RequiresPermission(Permission.MEMBERS_READ)
    @Operation(summary = "Get a member")
    MemberView get(Actor actor, @PathVariable String userId) {
        return MemberView.of(members.get(actor, Ids.parseOrNotFound(userId, "Member")));
    }

    @PatchMapping("/{userId}")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Change a member's role", description = "Send the version you read; a stale version gets 409")
    MemberView update(Actor actor, @PathVariable String userId, @RequestBody MemberUpdate update) {
        UUID id = Ids.parseOrNotFound(userId, "Member");
        if (update.version() == null) {
            throw new InvalidInputException("version", "is required (optimistic locking): send the version you read");
        }
        if (update.role() == null) {
            throw new InvalidInputException("role", "is required: one of " + Role.allowedValues());
        }
        return MemberView.of(members.changeRole(actor, id, RoleInput.parse("role", update.role()), update.version()));
    }

    @DeleteMapping("/{userId}")
    @RequiresPermission(Permission.MEMBERS_MANAGE)
    @Operation(summary = "Remove a member from the organization")
    ResponseEntity<Void> remove(Actor actor, @PathVariable String userId) {
        members.remove(actor, Ids.parseOrNotFound(userId, "Member"));
        return ResponseEntity.noContent().build();
    }
}
