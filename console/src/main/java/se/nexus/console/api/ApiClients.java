package se.nexus.console.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

import se.nexus.console.ConsoleProperties;
import se.nexus.console.security.Registration;

/**
 * One HTTP client per service, each sending the signed-in person's own access token: the services decide what the
 * person may see and do, exactly as for an agency's system. A refusal becomes an {@link ApiProblem}.
 */
@Configuration(proxyBeanMethods = false)
class ApiClients {

	@Bean
	ReferralApi referralApi(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, ConsoleProperties properties,
			JsonMapper json) {
		return new ReferralApi(client(builder, clients, properties.referralService(), json));
	}

	@Bean
	NotificationApi notificationApi(RestClient.Builder builder, OAuth2AuthorizedClientManager clients,
			ConsoleProperties properties, JsonMapper json) {
		return new NotificationApi(client(builder, clients, properties.notificationService(), json));
	}

	@Bean
	AuditApi auditApi(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, ConsoleProperties properties,
			JsonMapper json) {
		return new AuditApi(client(builder, clients, properties.auditService(), json));
	}

	@Bean
	StatisticsApi statisticsApi(RestClient.Builder builder, OAuth2AuthorizedClientManager clients,
			ConsoleProperties properties, JsonMapper json) {
		return new StatisticsApi(client(builder, clients, properties.auditService(), json));
	}

	private static RestClient client(RestClient.Builder builder, OAuth2AuthorizedClientManager clients, URI baseUrl,
			JsonMapper json) {
		OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(clients);
		bearer.setClientRegistrationIdResolver(request -> Registration.ID);
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(Duration.ofSeconds(2));
		requests.setReadTimeout(Duration.ofSeconds(10));
		return builder.clone()
			.baseUrl(baseUrl.toString())
			.requestFactory(requests)
			.requestInterceptor(bearer)
			.defaultStatusHandler(status -> status.isError(), (request, response) -> {
				throw problem(request, response, json);
			})
			.build();
	}

	private static ApiProblem problem(HttpRequest request, ClientHttpResponse response, JsonMapper json)
			throws IOException {
		int status = response.getStatusCode().value();
		try (InputStream body = response.getBody()) {
			ApiProblem.Body problem = json.readValue(body, ApiProblem.Body.class);
			return new ApiProblem(status, problem.detail(), problem.errors());
		}
		catch (RuntimeException | IOException unreadable) {
			// Not a problem document (a proxy's error page, say): the status alone still says what kind of refusal.
			return new ApiProblem(status, null, null);
		}
	}
}
