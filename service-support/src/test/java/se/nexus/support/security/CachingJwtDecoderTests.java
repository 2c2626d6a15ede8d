package se.nexus.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import se.nexus.support.test.MutableClock;

class CachingJwtDecoderTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    final AtomicInteger verifications = new AtomicInteger();

    JwtDecoder verifier(Instant expiresAt) {
        return token -> {
            verifications.incrementAndGet();
            if (token.startsWith("bad")) {
                throw new BadJwtException("invalid");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("u").expiresAt(expiresAt).build();
        };
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgainBeforeItExpires() {
        var decoder = new CachingJwtDecoder(verifier(clock.instant().plus(Duration.ofHours(1))), clock, 10);
        decoder.decode("token-1");
        decoder.decode("token-1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void anExpiredTokenIsVerifiedAgainAndSoRefusedByTheVerifier() {
        var decoder = new CachingJwtDecoder(verifier(clock.instant().plus(Duration.ofMinutes(1))), clock, 10);
        decoder.decode("token-1");
        clock.advance(Duration.ofMinutes(2));
        decoder.decode("token-1");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        var decoder = new CachingJwtDecoder(verifier(clock.instant().plus(Duration.ofHours(1))), clock, 10);
        assertThatThrownBy(() -> decoder.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void theCacheStaysWithinItsCapacity() {
        var decoder = new CachingJwtDecoder(verifier(clock.instant().plus(Duration.ofHours(1))), clock, 2);
        decoder.decode("a");
        decoder.decode("b");
        decoder.decode("c");
        decoder.decode("a");
        assertThat(verifications).hasValue(4);
    }

    @Test
    void headerValuesWithControlCharactersAreRefused() {
        assertThat(NexusSecurityAutoConfiguration.isPrintable("Bearer eyJhbGciOi.x-y_z")).isTrue();
        assertThat(NexusSecurityAutoConfiguration.isPrintable("a\r\nInjected: 1")).isFalse();
        assertThat(NexusSecurityAutoConfiguration.isPrintable("Åsa Öberg")).isTrue();
    }
}
