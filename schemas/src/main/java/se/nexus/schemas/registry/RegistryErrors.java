package se.nexus.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns a registry's error answer into an exception that names the call and the registry's own code and message. */
final class RegistryErrors {

	private RegistryErrors() {
	}

	static SchemaRegistryException of(String baseUrl, String call, int status, JsonNode body) {
		int errorCode = body.path("error_code").asInt(-1);
		String message = body.path("message").asText("");
		StringBuilder text = new StringBuilder("Schema registry ").append(baseUrl)
			.append(" answered ")
			.append(status)
			.append(" to ")
			.append(call);
		if (errorCode != -1 || !message.isEmpty()) {
			text.append(" (error ").append(errorCode).append(": ").append(message).append(')');
		}
		return new SchemaRegistryException(text.toString(), status, errorCode);
	}
}
