package se.nexus.identity.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import se.nexus.identity.clients.RegisteredKeyDecoders;

/** The protocol endpoints (token, JWK set, authorize, OIDC) first; then form login for people and open health. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
		RegisteredKeyDecoders registeredKeys = new RegisteredKeyDecoders();
		http.oauth2AuthorizationServer(server -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
			// private_key_jwt against the key registered with each agency system, not a JWK set fetched from a URL.
			server.clientAuthentication(clients -> clients.authenticationProviders(providers -> providers.stream()
				.filter(JwtClientAssertionAuthenticationProvider.class::isInstance)
				.forEach(provider -> ((JwtClientAssertionAuthenticationProvider) provider)
					.setJwtDecoderFactory(registeredKeys))));
		})
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			// A browser that is not signed in is sent to the login page; programs get 401 as before.
			.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain people(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health/**", "/actuator/health")
			.permitAll()
			.anyRequest()
			.authenticated()).formLogin(Customizer.withDefaults());
		return http.build();
	}
}
