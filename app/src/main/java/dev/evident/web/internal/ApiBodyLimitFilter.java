package dev.evident.web.internal;

import dev.evident.shared.config.EvidentProperties;
import dev.evident.shared.problem.PayloadTooLargeException;
import dev.evident.shared.problem.ProblemResponses;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.web.RequestBodyLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds API request bodies ({@code evident.api.max-body-size}, or a {@link RequestBodyLimit} a module
 * declares for one of its paths). A declared Content-Length over the limit is refused before reading;
 * a chunked body is cut off as soon as it passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiBodyLimitFilter extends OncePerRequestFilter {

    private final RequestBodyLimit standard;
    private final Map<String, RequestBodyLimit> byPath;

    ApiBodyLimitFilter(EvidentProperties properties, List<RequestBodyLimit> overrides) {
        this.standard = new RequestBodyLimit("/api/", properties.api().maxBodySize(), "evident.api.max-body-size");
        this.byPath = overrides.stream().collect(Collectors.toUnmodifiableMap(RequestBodyLimit::path, o -> o));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestBodyLimit limit = limitFor(request.getRequestURI().substring(request.getContextPath().length()));
        if (request.getContentLengthLong() > limit.maxBytes()) {
            response.setHeader("Connection", "close");
            ProblemResponses.write(request, response, ProblemType.PAYLOAD_TOO_LARGE, tooLarge(limit).getMessage());
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /** An exact path first, then paths with {@code *} standing for one path segment (an id). */
    private RequestBodyLimit limitFor(String path) {
        RequestBodyLimit exact = byPath.get(path);
        if (exact != null) {
            return exact;
        }
        for (RequestBodyLimit candidate : byPath.values()) {
            if (candidate.path().contains("*") && matches(candidate.path(), path)) {
                return candidate;
            }
        }
        return standard;
    }

    private static boolean matches(String pattern, String path) {
        String[] expected = pattern.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(expected[i].equals("*") ? !actual[i].isEmpty() : expected[i].equals(actual[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The standard limit's message stays as it always was; overrides name their setting. */
    private PayloadTooLargeException tooLarge(RequestBodyLimit limit) {
        return limit == standard ? new PayloadTooLargeException(limit.maxBytes())
                : new PayloadTooLargeException(limit.maxBytes(), limit.setting());
    }

    private final class LimitedRequest extends HttpServletRequestWrapper {
        private final RequestBodyLimit limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, RequestBodyLimit limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final RequestBodyLimit limit;
        private long read;

        LimitedStream(ServletInputStream delegate, RequestBodyLimit limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit.maxBytes()) {
                throw tooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
