package dev.evident.identity.internal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stylesheets, scripts, images and web jars: the same for everyone, and served without a session.
 *
 * <p>A browser fetches these alongside pages, the favicon even after the page has loaded. If such a
 * request loaded the session (Spring MVC's flash-attribute lookup does, on every request), a favicon
 * still in flight with the sign-in page's session would save that session again after sign-in had
 * replaced it. {@link #withoutSession()} hides the session from these requests altogether.
 */
final class StaticFiles {

    private static final List<String> FOLDERS = List.of("/css/", "/js/", "/img/", "/webjars/");
    private static final String FAVICON = "/favicon.ico";

    private StaticFiles() {
    }

    /** By the decoded, normalised path the request is dispatched by (not the raw address it arrived with). */
    static boolean matches(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals(FAVICON) || FOLDERS.stream().anyMatch(path::startsWith);
    }

    /** A filter, placed right after Spring Session's, that serves static files as if there were no session. */
    static OncePerRequestFilter withoutSession() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !matches(request);
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                chain.doFilter(new Sessionless(request), response);
            }
        };
    }

    private static final class Sessionless extends HttpServletRequestWrapper {

        Sessionless(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession(boolean create) {
            if (create) {
                throw new IllegalStateException("Static files are served without a session");
            }
            return null;
        }

        @Override
        public HttpSession getSession() {
            return getSession(true);
        }

        @Override
        public String getRequestedSessionId() {
            return null;
        }

        @Override
        public boolean isRequestedSessionIdValid() {
            return false;
        }

        @Override
        public String changeSessionId() {
            throw new IllegalStateException("Static files are served without a session");
        }
    }
}
