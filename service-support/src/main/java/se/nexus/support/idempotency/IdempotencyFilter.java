package se.nexus.support.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import se.nexus.support.web.BodyTooLarge;
import se.nexus.support.web.Problems;

/**
 * Honours {@code Idempotency-Key} on POSTs: the same key with the same request gets the first answer
 * again (same status, same body, same id); the same key with another request is a 422; a retry while
 * the first is still running is a 409 with {@code Retry-After}. Keys are per agency and expire.
 * Answers of 5xx are not remembered, so such a request can be retried with the same key. It runs after Spring
 * Security has checked the caller's role for the path, so a replay is never shown to a caller who could not have
 * made the request.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Duration IN_PROGRESS_RETRY_AFTER = Duration.ofSeconds(1);

    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;
    private final AnswerProtection protection;
    private final Problems problems;
    private final Clock clock;

    IdempotencyFilter(IdempotencyKeys keys, IdempotencyProperties properties, AnswerProtection protection,
            Problems problems, Clock clock) {
        this.keys = keys;
        this.protection = protection;
        this.properties = properties;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String agency = agency();
        String key = request.getHeader(HEADER);
        if (agency == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            problems.write(response, Problems.of(HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                "Idempotency-Key must be 1-200 visible ASCII characters"));
            return;
        }
        byte[] body;
        try {
            // Bounded by the endpoint's body limit, which refuses a longer body instead of cutting it.
            body = request.getInputStream().readAllBytes();
        } catch (BodyTooLarge e) {
            problems.write(response, e.problem());
            return;
        }
        byte[] hash = hash(request, body);
        if (keys.claim(agency, key, hash, Instant.now(clock).minus(properties.ttl()))) {
            handleFirst(new CachedBodyRequest(request, body), response, chain, agency, key);
        } else {
            replay(response, agency, key, hash);
        }
    }

    private void handleFirst(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String agency,
            String key) throws ServletException, IOException {
        var recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
        } catch (ServletException | IOException | RuntimeException e) {
            keys.release(agency, key);
            throw e;
        }
        if (recorded.getStatus() >= 500) {
            keys.release(agency, key);
        } else {
            keys.answer(agency, key, recorded.getStatus(), recorded.getHeader("Location"), recorded.getContentType(),
                protection.seal(recorded.getContentAsByteArray()));
        }
        recorded.copyBodyToResponse();
    }

    private void replay(HttpServletResponse response, String agency, String key, byte[] hash) throws IOException {
        IdempotencyKeys.Entry entry = keys.find(agency, key).orElse(null);
        if (entry == null || !entry.answered()) {
            problems.write(response, Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-progress",
                "A request with this Idempotency-Key is still being processed"), IN_PROGRESS_RETRY_AFTER);
        } else if (!Arrays.equals(entry.requestHash(), hash)) {
            problems.write(response, Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                "This Idempotency-Key was used for a different request"));
        } else {
            response.setStatus(entry.status());
            if (entry.location() != null) {
                response.setHeader("Location", entry.location());
            }
            if (entry.contentType() != null) {
                response.setContentType(entry.contentType());
            }
            response.setHeader("Idempotent-Replayed", "true");
            response.getOutputStream().write(protection.open(entry.body()));
        }
    }

    private static String agency() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
            ? token.getToken().getClaimAsString("agency") : null;
    }

    private static byte[] hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body already read, so it can be hashed before the controller reads it. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
