package se.nexus.identity.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;

import se.nexus.identity.participants.Participants;

/**
 * The certificates the platform's authority issued the agency systems, read at start: each one's subject is what a
 * system's client certificate must name (tls_client_auth), and its EC P-256 key what the system's signed client
 * assertions are checked against (private_key_jwt, ES256), so no JWK set is fetched over the network. A certificate
 * the authority did not sign, or one out of date, is ignored.
 */
public final class AgencyCertificates {

	private static final AgencyCertificates NONE = new AgencyCertificates(Map.of());

	private final Map<String, X509Certificate> byAgency;

	private AgencyCertificates(Map<String, X509Certificate> byAgency) {
		this.byAgency = Map.copyOf(byAgency);
	}

	/**
	 * The agencies' {@code <agency id>.crt} in the folder that the folder's {@code ca.crt} signed; with no folder,
	 * none, and agency systems authenticate with the secret only.
	 */
	public static AgencyCertificates in(Path folder, Participants participants) {
		if (folder == null) {
			return NONE;
		}
		X509Certificate authority = read(folder.resolve("ca.crt"));
		Map<String, X509Certificate> certificates = new HashMap<>();
		for (Participants.Agency agency : participants.agencies()) {
			Path file = folder.resolve(agency.id() + ".crt");
			if (Files.isRegularFile(file)) {
				X509Certificate certificate = read(file);
				if (issuedBy(certificate, authority) && certificate.getPublicKey() instanceof ECPublicKey) {
					certificates.put(agency.id(), certificate);
				}
			}
		}
		return new AgencyCertificates(certificates);
	}

	/** The subject (RFC 2253) the system's client certificate must have. */
	public Optional<String> subject(String agency) {
		return Optional.ofNullable(byAgency.get(agency)).map(c -> c.getSubjectX500Principal().getName());
	}

	/** The system's public key, as a JWK set of one ES256 key. */
	public Optional<JWKSet> publicKey(String agency) {
		return Optional.ofNullable(byAgency.get(agency))
			.map(c -> new JWKSet(new ECKey.Builder(Curve.P_256, (ECPublicKey) c.getPublicKey()).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.build()));
	}

	private static boolean issuedBy(X509Certificate certificate, X509Certificate authority) {
		try {
			certificate.verify(authority.getPublicKey());
			certificate.checkValidity();
			return true;
		}
		catch (GeneralSecurityException e) {
			return false;
		}
	}

	private static X509Certificate read(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read the certificate " + file, e);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Unreadable certificate " + file, e);
		}
	}
}
