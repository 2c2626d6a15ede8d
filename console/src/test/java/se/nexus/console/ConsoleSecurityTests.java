package se.nexus.console;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The console's own defences, without the services: sign-in, roles, CSRF and the headers every page carries. */
@SpringBootTest(properties = "nexus.console.issuer-uri=http://idp.example")
@AutoConfigureMockMvc
class ConsoleSecurityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientRegistrationRepository registrations;

	@Test
	void aPageNeedsSignInAndSignInUsesPkceAtTheIdentityProvider() throws Exception {
		mvc.perform(get("/referrals")).andExpect(status().isFound())
			.andExpect(redirectedUrl("/oauth2/authorization/nexus"));
		mvc.perform(get("/oauth2/authorization/nexus"))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", allOf(startsWith("http://idp.example/oauth2/authorize?"),
					containsString("client_id=nexus-console"), containsString("code_challenge_method=S256"),
					containsString("code_challenge="), containsString("scope=openid"))));
	}

	@Test
	void everyPageForbidsOtherOriginsInlineScriptAndFraming() throws Exception {
		mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", allOf(containsString("default-src 'self'"),
					containsString("script-src 'self'"), containsString("frame-ancestors 'none'"),
					containsString("form-action 'self' http://idp.example"), not(containsString("unsafe")))))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Referrer-Policy", "same-origin"));
	}

	@Test
	void aFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
		mvc.perform(post("/referrals").with(caseworker()).with(csrf().useInvalidToken()).param("subjectRef", "P-1"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/logout").with(caseworker()).with(csrf().useInvalidToken())).andExpect(status().isForbidden());
		// Without a session (it ended while idle) the person is told so on the start page; nothing was sent.
		mvc.perform(post("/referrals").with(caseworker()).param("subjectRef", "P-1"))
			.andExpect(redirectedUrl("/?expired"));
	}

	@Test
	void eachRoleHasOnlyItsOwnPages() throws Exception {
		mvc.perform(get("/inbox").with(caseworker())).andExpect(status().isForbidden());
		mvc.perform(get("/referrals").with(oidcLogin().authorities(new SimpleGrantedAuthority("ROLE_COORDINATOR"))))
			.andExpect(status().isForbidden());
		// The county board's follow-up sees statistics, never a case, an inbox or the audit log; a caseworker no
		// statistics.
		for (String page : new String[] { "/referrals", "/inbox", "/audit", "/audit/extract" }) {
			mvc.perform(get(page).with(oidcLogin().authorities(new SimpleGrantedAuthority("ROLE_FOLLOW_UP"))))
				.andExpect(status().isForbidden());
		}
		mvc.perform(get("/statistics").with(caseworker())).andExpect(status().isForbidden());
		mvc.perform(get("/statistics/figures.csv").with(caseworker())).andExpect(status().isForbidden());
	}

	@Test
	void signingOutEndsTheSessionAtTheIdentityProviderToo() throws Exception {
		mvc.perform(post("/logout").with(caseworker().clientRegistration(registrations.findByRegistrationId("nexus")))
			.with(csrf()))
			.andExpect(status().isFound())
			.andExpect(header().string("Location", allOf(startsWith("http://idp.example/connect/logout?"),
					containsString("post_logout_redirect_uri=http://localhost/signed-out"))));
	}

	private static OidcLoginRequestPostProcessor caseworker() {
		return oidcLogin().idToken(token -> token.claim("agency", "se.uppsala.socialtjanst")
			.claim("roles", java.util.List.of("CASEWORKER"))).authorities(new SimpleGrantedAuthority("ROLE_CASEWORKER"));
	}
}
