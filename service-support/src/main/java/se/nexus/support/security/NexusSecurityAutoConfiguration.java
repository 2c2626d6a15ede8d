package se.nexus.support.security;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;

import se.nexus.support.access.AccessContext;
import se.nexus.support.access.AccessLog;
import se.nexus.support.access.AccessLog.Refusal;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import se.nexus.support.participants.Participants;
import se.nexus.support.web.Problems;

/**
 * Deny by default: every endpoint needs a valid RS256 bearer token from the configured issuer, for the configured
 * audience, with a bounded lifetime, carrying {@code agency} and {@code roles} that the participant directory allows
 * (see {@link NexusClaims}), except health and the OpenAPI description. The role each path needs
 * ({@code nexus.security.endpoints}) is checked in the filter chain, before anything reads the request body or
 * replays an idempotent answer. Refusals are problem details that never echo the token.
 */
@AutoConfiguration(after = se.nexus.support.web.WebSupportAutoConfiguration.class, beforeName = {
    "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@EnableConfigurationProperties({ OAuth2ResourceServerProperties.class, SecurityProperties.class })
public class NexusSecurityAutoConfiguration {

    /** How many verified tokens are remembered at most. */
    static final int VERIFIED_TOKENS = 10_000;

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, SecurityProperties security,
            Participants participants) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        if (jwt.getIssuerUri() == null || jwt.getAudiences().isEmpty()) {
            throw new IllegalStateException("Set the token issuer and audience: "
                + "spring.security.oauth2.resourceserver.jwt.issuer-uri and .audiences");
        }
        List<String> audiences = List.copyOf(jwt.getAudiences());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer(jwt.getIssuerUri()),
            new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                audience -> audience != null && !Collections.disjoint(audience, audiences)),
            new NexusClaims(participants, security.maxTokenLifetime(), Clock.systemUTC())));
        return new CachingJwtDecoder(decoder, Clock.systemUTC(), VERIFIED_TOKENS);
    }

    /**
     * Spring Security would wrap every filter and every authorisation decision in an observation; the
     * benchmark's profile put those wrappers among the largest per-request costs, and the HTTP request
     * metrics already time each request.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Header values are checked for control and unassigned characters with a plain loop instead of the
     * default Unicode regular expression, which walked every bearer token on every request.
     */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(NexusSecurityAutoConfiguration::isPrintable);
        return firewall;
    }

    static boolean isPrintable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || !Character.isDefined(c)) {
                return false;
            }
        }
        return true;
    }

    /** A request the firewall refuses (an encoded slash, a control character) is a 400 problem detail. */
    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler requestRejectedHandler(Problems problems) {
        return (request, response, e) -> problems.write(response,
            Problems.of(HttpStatus.BAD_REQUEST, "request-rejected", "The request was rejected as malformed"));
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, Problems problems,
            SecurityProperties properties, ObjectProvider<AccessLog> accessLog) throws Exception {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(NexusClaims.ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        var authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(authorities);

        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            accessLog.ifAvailable(log -> log.refused(claimedCaller(request, log), refusal(Refusal.UNAUTHENTICATED,
                request)));
            problems.write(response,
                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "A valid bearer token is required"));
        };
        AccessDeniedHandler forbidden = (request, response, e) -> {
            accessLog.ifAvailable(log -> log.refused(log.caller(), refusal(Refusal.FORBIDDEN, request)));
            problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this"));
        };

        return http
            .authorizeHttpRequests(requests -> {
                // Prometheus answers only where the operator exposes it (NEXUS_ACTUATOR_EXPOSURE), on a network
                // that scrapers reach; it holds counts and timings, no case data.
                requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                    "/v3/api-docs", "/v3/api-docs/**", "/error").permitAll();
                properties.endpoints().forEach(rule -> requests.requestMatchers(rule.path()).hasAnyRole(rule.roles().toArray(String[]::new)));
                requests.anyRequest().authenticated();
            })
            .oauth2ResourceServer(server -> server
                .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication))
                .authenticationEntryPoint(unauthorized)
                .accessDeniedHandler(forbidden))
            .exceptionHandling(exceptions -> exceptions
                .authenticationEntryPoint(unauthorized)
                .accessDeniedHandler(forbidden))
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(AbstractHttpConfigurer::disable)
            .build();
    }

    /** A path as a template: ids replaced, so a refusal names what was asked for without a query string. */
    static Refusal refusal(String outcome, HttpServletRequest request) {
        String path = request.getRequestURI().replaceAll(
            "/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "/{id}");
        return new Refusal(outcome, request.getMethod() + " " + path, null, null, null, null);
    }

    /**
     * Who a refused token says it is: its claims, not verified (that is why it was refused), so that an attempt with
     * an expired or forged token that names an agency still reaches that agency's access follow-up.
     */
    static AccessContext claimedCaller(HttpServletRequest request, AccessLog log) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            return AccessContext.fromClaims(JWTParser.parse(header.substring(7).trim()).getJWTClaimsSet().getClaims(),
                log.consoleClientId());
        } catch (java.text.ParseException | RuntimeException e) {
            return null;
        }
    }

    @Bean
    WebMvcConfigurer callerResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
