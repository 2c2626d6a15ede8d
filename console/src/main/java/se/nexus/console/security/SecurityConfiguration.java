package se.nexus.console.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import se.nexus.console.ConsoleProperties;

/**
 * Sign-in with OpenID Connect, pages by role, CSRF on every form (Spring Security's default, which Thymeleaf's
 * forms carry), a Content-Security-Policy that allows nothing from another origin and no inline script, and sign-out
 * that ends the session at the identity provider too.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** The session cookie; named in application.yml, deleted again on sign-out. */
	static final String SESSION_COOKIE = "NEXUS_CONSOLE_SESSION";

	@Bean
	SecurityFilterChain console(HttpSecurity http, ClientRegistrationRepository registrations,
			ConsoleProperties properties) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/", "/signed-out", "/css/**", "/js/**", "/favicon.ico", "/error", "/actuator/health",
					"/actuator/health/**")
			.permitAll()
			.requestMatchers("/referrals/**", "/consents/**", "/handovers/**")
			.hasRole(Person.CASEWORKER)
			.requestMatchers("/inbox/**")
			.hasRole(Person.COORDINATOR)
			.requestMatchers("/audit/**", "/audit")
			.hasRole(Person.AUDITOR)
			.requestMatchers("/statistics/**", "/statistics")
			.hasAnyRole(Person.FOLLOW_UP, Person.AUDITOR)
			.anyRequest()
			.authenticated())
			.oauth2Login(login -> login.loginPage("/oauth2/authorization/" + Registration.ID)
				.userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesFromToken()))
				.defaultSuccessUrl("/", true))
			.logout(logout -> logout.logoutSuccessHandler(signOutAtIdentityProvider(registrations))
				.deleteCookies(SESSION_COOKIE))
			// A session that ended while idle sends the browser to the start page, which says why.
			.sessionManagement(sessions -> sessions.invalidSessionUrl("/?expired"))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(properties)))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")));
		return http.build();
	}

	/**
	 * Only this origin, and no inline script or style. Forms may also lead to the identity provider: sign-out is a
	 * form whose answer redirects there, and browsers hold such redirects to form-action.
	 */
	static String contentSecurityPolicy(ConsoleProperties properties) {
		String issuer = properties.issuerUri().toString().replaceAll("/$", "");
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
				+ "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
				+ "form-action 'self' " + issuer;
	}

	private static OidcClientInitiatedLogoutSuccessHandler signOutAtIdentityProvider(
			ClientRegistrationRepository registrations) {
		OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		handler.setPostLogoutRedirectUri("{baseUrl}/signed-out");
		return handler;
	}

	/** The person's role, from the roles claim of the identity provider's ID token, as ROLE_ authorities. */
	private static GrantedAuthoritiesMapper rolesFromToken() {
		return (Collection<? extends GrantedAuthority> authorities) -> {
			Set<GrantedAuthority> mapped = authorities.stream()
				.filter(OidcUserAuthority.class::isInstance)
				.map(OidcUserAuthority.class::cast)
				.flatMap(authority -> Optional.ofNullable(authority.getIdToken().getClaimAsStringList("roles"))
					.orElse(List.of())
					.stream())
				.map(role -> new SimpleGrantedAuthority("ROLE_" + role))
				.collect(Collectors.toSet());
			mapped.addAll(authorities);
			return mapped;
		};
	}
}
