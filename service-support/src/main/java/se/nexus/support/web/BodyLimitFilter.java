package se.nexus.support.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses request bodies longer than their endpoint's limit with 413: at once when {@code Content-Length} says so,
 * otherwise as soon as reading passes the limit (a chunked body), so that no reader ever sees a cut-off body.
 */
class BodyLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final List<Limit> limits;
    private final Problems problems;

    BodyLimitFilter(WebProperties properties, Problems problems) {
        this.defaultLimit = properties.maxBody().toBytes();
        this.limits = properties.bodyLimits().stream()
            .map(limit -> new Limit(PathPatternParser.defaultInstance.parse(limit.path()), limit.max().toBytes()))
            .toList();
        this.problems = problems;
    }

    private record Limit(PathPattern pattern, long max) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitOf(request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            problems.write(response, new BodyTooLarge(limit).problem());
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, limit), response);
    }

    private long limitOf(String uri) {
        PathContainer path = PathContainer.parsePath(uri);
        return limits.stream().filter(limit -> limit.pattern().matches(path)).mapToLong(Limit::max).findFirst()
            .orElse(defaultLimit);
    }

    /** The request whose body stream fails with {@link BodyTooLarge} past the limit. */
    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
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

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
