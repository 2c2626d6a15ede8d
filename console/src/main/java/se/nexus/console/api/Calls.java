package se.nexus.console.api;

import java.util.function.Supplier;

import org.springframework.web.client.ResourceAccessException;

/** A call to a service: a service that does not answer at all is a problem like any refusal, status 503. */
final class Calls {

	private Calls() {
	}

	static <T> T call(Supplier<T> request) {
		try {
			return request.get();
		}
		catch (ResourceAccessException unreachable) {
			throw new ApiProblem(ApiProblem.UNREACHABLE, null, null);
		}
	}
}
