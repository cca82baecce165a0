package dev.evident.identity.internal.security;

import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.security.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets controller methods take the current {@link Actor} as a parameter. */
@Component
class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    private final ActorResolver actors;

    ActorArgumentResolver(ActorResolver actors) {
        this.actors = actors;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        return actors.resolve(webRequest.getNativeRequest(HttpServletRequest.class))
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in or send an API token"));
    }
}
