package dev.evident.identity.internal.api;

import dev.evident.identity.internal.RoleInput;
import dev.evident.identity.internal.ApiTokens.ApiToken;
import dev.evident.identity.internal.TokenService;
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
import java.time.Clock;
import java.time.Duration;
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
@RequestMapping("/api/v1/tokens")
@Tag(name = "API tokens", description = "Bearer tokens scoped to one organization and one role")
class TokenApi {

    record TokenView(UUID id, String name, Role role, String prefix, String status, UUID createdBy, Instant createdAt,
                     Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        static TokenView of(ApiToken t, Instant now) {
            return new TokenView(t.id(), t.name(), t.role(), t.prefix(), t.status(now), t.createdBy(), t.createdAt(),
                    t.expiresAt(), t.lastUsedAt(), t.revokedAt());
        }
    }

    /** The secret appears in this response only; Evident stores just its hash. */
    record CreatedTokenView(TokenView token, String secret) {
    }

    /** Either an absolute {@code expiresAt} or {@code expiresInDays}; neither means no expiry. */
    record NewToken(String name, String role, Instant expiresAt, Integer expiresInDays) {
    }

    private final TokenService tokens;
    private final Clock clock;

    TokenApi(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @PostMapping
    @RequiresPermission(Permission.TOKENS_MANAGE)
    @Operation(summary = "Create an API token", description = "The secret is returned once")
    ResponseEntity<CreatedTokenView> create(Actor actor, @RequestBody NewToken body) {
        if (body.expiresAt() != null && body.expiresInDays() != null) {
            throw new InvalidInputException("expiresInDays", "cannot be combined with expiresAt");
        }
        Instant expiresAt = body.expiresAt();
        if (body.expiresInDays() != null) {
            if (body.expiresInDays() < 1 || body.expiresInDays() > 3650) {
                throw new InvalidInputException("expiresInDays", "must be between 1 and 3650");
            }
            expiresAt = clock.instant().plus(Duration.ofDays(body.expiresInDays()));
        }
        var created = tokens.create(actor, body.name(), body.role() == null ? null : RoleInput.parse("role", body.role()),
                expiresAt);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CreatedTokenView(TokenView.of(created.token(), clock.instant()), created.secret()));
    }

    @GetMapping
    @RequiresPermission(Permission.TOKENS_MANAGE)
    @Operation(summary = "List API tokens", description = "Newest first, cursor-paginated; secrets are never listed")
    Page<TokenView> list(Actor actor, @RequestParam(required = false) Integer limit,
                         @RequestParam(required = false) String cursor) {
        Instant now = clock.instant();
        return tokens.list(actor, PageRequest.of(limit, cursor)).map(t -> TokenView.of(t, now));
    }

    @GetMapping("/{tokenId}")
    @RequiresPermission(Permission.TOKENS_MANAGE)
    @Operation(summary = "Get an API token")
    TokenView get(Actor actor, @PathVariable String tokenId) {
        return TokenView.of(tokens.get(actor, Ids.parseOrNotFound(tokenId, "API token")), clock.instant());
    }

    @DeleteMapping("/{tokenId}")
    @RequiresPermission(Permission.TOKENS_MANAGE)
    @Operation(summary = "Revoke an API token")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable String tokenId) {
        tokens.revoke(actor, Ids.parseOrNotFound(tokenId, "API token"));
        return ResponseEntity.noContent().build();
    }
}
