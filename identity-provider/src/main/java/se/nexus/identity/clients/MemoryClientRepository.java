package se.nexus.identity.clients;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients, in memory. Not Spring's in-memory repository: that one refuses two clients with the same
 * secret, and every demo agency's system deliberately shares demo-secret.
 */
public final class MemoryClientRepository implements RegisteredClientRepository {

	private final Map<String, RegisteredClient> byId = new ConcurrentHashMap<>();

	private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();

	public MemoryClientRepository(List<RegisteredClient> clients) {
		clients.forEach(this::save);
	}

	/** Also called by Spring Authorization Server when it re-encodes a client's secret after a sign-in. */
	@Override
	public void save(RegisteredClient registeredClient) {
		byId.put(registeredClient.getId(), registeredClient);
		byClientId.put(registeredClient.getClientId(), registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		return byId.get(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return byClientId.get(clientId);
	}
}
