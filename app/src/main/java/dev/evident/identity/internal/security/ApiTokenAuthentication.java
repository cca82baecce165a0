package dev.evident.identity.internal.security;

import dev.evident.shared.security.Permission;
import dev.evident.shared.security.Role;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API token: its organization and role are fixed by the token. */
public class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;
    private final UUID tokenId;
    private final UUID orgId;
    private final Role role;
    private final String tokenName;
    private final UUID createdBy;

    public ApiTokenAuthentication(UUID tokenId, UUID orgId, Role role, String tokenName, UUID createdBy) {
        super(role.permissions().stream().map(Permission::authority).map(SimpleGrantedAuthority::new).toList());
        this.tokenId = tokenId;
        this.orgId = orgId;
        this.role = role;
        this.tokenName = tokenName;
        this.createdBy = createdBy;
        setAuthenticated(true);
    }

    public UUID tokenId() {
        return tokenId;
    }

    public UUID orgId() {
        return orgId;
    }

    public Role role() {
        return role;
    }

    public String tokenName() {
        return tokenName;
    }

    public UUID createdBy() {
        return createdBy;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return tokenId;
    }

    @Override
    public String getName() {
        return "token:" + tokenId;
    }
}
