package dev.evident.identity.internal.security;

import dev.evident.shared.problem.ForbiddenException;
import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.NoOrganizationException;
import dev.evident.shared.security.PublicEndpoint;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces the permission each controller method declares. Fails closed: a method without a
 * declaration is refused (and the architecture test fails the build before that can ship).
 */
@Component
public class PermissionInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PermissionInterceptor.class);

    private final ActorResolver actors;

    PermissionInterceptor(ActorResolver actors) {
        this.actors = actors;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (method.hasMethodAnnotation(PublicEndpoint.class)) {
            return true;
        }
        RequiresPermission required = method.getMethodAnnotation(RequiresPermission.class);
        if (required == null && !method.hasMethodAnnotation(SignedIn.class)) {
            if (isFrameworkEndpoint(method)) {
                return true;
            }
            log.error("Refused {}: the endpoint declares no permission", method);
            throw new ForbiddenException("This endpoint declares no permission and is therefore closed");
        }
        Actor actor = actors.resolve(request)
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in or send an API token"));
        if (required != null) {
            if (actor.orgId() == null || actor.role() == null) {
                throw new NoOrganizationException();
            }
            actor.require(required.value());
        }
        return true;
    }

    /** OpenAPI documents and Swagger UI configuration come from springdoc and are public reference material. */
    static boolean isFrameworkEndpoint(HandlerMethod method) {
        return method.getBeanType().getPackageName().startsWith("org.springdoc");
    }
}
