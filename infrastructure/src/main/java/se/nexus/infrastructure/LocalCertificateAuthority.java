package se.nexus.infrastructure;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of this machine for Kafka's mutual TLS and HTTPS, kept as PEM files in one folder: created
 * on first use, reused afterwards. It issues each principal (a service, the broker, a demo agency's system, the operator's
 * tools) a certificate whose subject's CN is the principal's name, which the broker maps to {@code User:<name>}.
 *
 * <p>Files in the folder: {@code ca.crt} (the trust anchor every client and the broker trust), {@code ca.key},
 * and per principal {@code <name>.crt} (its certificate alone, to inspect) and {@code <name>.pem} (its private key,
 * certificate and the CA's certificate: what Kafka's {@code ssl.keystore.type=PEM} reads). Keys are unencrypted
 * PKCS#8 readable by the owner only. For the local stack and the tests only: a deployment gets its certificates
 * from the operator's own authority. Nothing here logs key material.
 */
public final class LocalCertificateAuthority {

	/** The trust anchor's file in the folder. */
	public static final String CA_CERTIFICATE = "ca.crt";

	private static final String CA_KEY = "ca.key";

	private static final String SIGNATURE = "SHA256withECDSA";

	private static final Duration CA_VALIDITY = Duration.ofDays(3650);

	private static final Duration VALIDITY = Duration.ofDays(825);

	/** A certificate closer to its end than this is issued anew rather than reused. */
	private static final Duration RENEW_BEFORE = Duration.ofDays(30);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path dir;

	private final X509Certificate certificate;

	private final PrivateKey key;

	private LocalCertificateAuthority(Path dir, X509Certificate certificate, PrivateKey key) {
		this.dir = dir;
		this.certificate = certificate;
		this.key = key;
	}

	/** The authority kept in this folder, created there (with the folder) if it has none yet. */
	public static synchronized LocalCertificateAuthority openOrCreate(Path dir, String name) {
		Path folder = dir.toAbsolutePath();
		try {
			Files.createDirectories(folder);
			Path certificateFile = folder.resolve(CA_CERTIFICATE);
			Path keyFile = folder.resolve(CA_KEY);
			if (Files.isRegularFile(certificateFile) && Files.isRegularFile(keyFile)) {
				return new LocalCertificateAuthority(folder, readCertificates(certificateFile).get(0), readKey(keyFile));
			}
			KeyPair pair = newKeyPair();
			X500Name subject = subject(name, "Nexus local certificate authority");
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
					Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), subject,
					pair.getPublic());
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(pair.getPublic()));
			X509Certificate ca = sign(builder, pair.getPrivate());
			writePrivate(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
			write(certificateFile, pem(ca));
			return new LocalCertificateAuthority(folder, ca, pair.getPrivate());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not open or create the certificate authority in " + folder, e);
		}
		catch (GeneralSecurityException | OperatorCreationException e) {
			throw new IllegalStateException("Could not create a certificate authority in " + folder, e);
		}
	}

	/** The folder the authority and its certificates are kept in. */
	public Path dir() {
		return dir;
	}

	/** The CA's certificate (PEM): what every party trusts. */
	public Path certificateFile() {
		return dir.resolve(CA_CERTIFICATE);
	}

	/**
	 * The certificate of a client principal (CN = name): the one issued before if it is still this authority's and
	 * not about to expire, otherwise a new one.
	 */
	public IssuedCertificate issueClient(String name) {
		return issue(name, List.of());
	}

	/**
	 * The certificate of a server that is also a client (the broker: its controller and broker listeners talk to
	 * each other; a service or the identity provider over HTTPS, which is a Kafka client too), valid for these host
	 * names and IP addresses.
	 */
	public IssuedCertificate issueServer(String name, List<String> hosts) {
		return issue(name, hosts);
	}

	private synchronized IssuedCertificate issue(String name, List<String> hosts) {
		if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
			throw new IllegalArgumentException("A principal's name is letters, digits, '.', '_' and '-': " + name);
		}
		IssuedCertificate issued = new IssuedCertificate(name, dir.resolve(name + ".pem"), certificateFile());
		try {
			if (stillGood(issued.keyStore(), hosts)) {
				return issued;
			}
			KeyPair pair = newKeyPair();
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
					Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)),
					new X500Principal(subject(name, hosts.isEmpty() ? "Nexus Kafka client" : "Nexus Kafka server")
						.getEncoded()),
					pair.getPublic());
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
			builder.addExtension(Extension.extendedKeyUsage, false, hosts.isEmpty()
					? new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)
					: new ExtendedKeyUsage(new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(certificate));
			if (!hosts.isEmpty()) {
				builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(hosts.stream()
					.map(host -> new GeneralName(host.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress
							: GeneralName.dNSName, host))
					.toArray(GeneralName[]::new)));
			}
			X509Certificate leaf = sign(builder, key);
			writePrivate(issued.keyStore(),
					pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()) + pem(leaf) + pem(certificate));
			write(dir.resolve(name + ".crt"), pem(leaf));
			return issued;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not issue a certificate for " + name, e);
		}
		catch (GeneralSecurityException | OperatorCreationException e) {
			throw new IllegalStateException("Could not issue a certificate for " + name, e);
		}
	}

	/** Whether the key store holds a certificate of this authority, valid a while yet, for these hosts. */
	private boolean stillGood(Path keyStore, List<String> hosts) throws IOException {
		if (!Files.isRegularFile(keyStore)) {
			return false;
		}
		try {
			List<X509Certificate> chain = readCertificates(keyStore);
			X509Certificate leaf = chain.get(0);
			leaf.verify(certificate.getPublicKey());
			leaf.checkValidity(Date.from(Instant.now().plus(RENEW_BEFORE)));
			List<String> names = new ArrayList<>();
			if (leaf.getSubjectAlternativeNames() != null) {
				leaf.getSubjectAlternativeNames().forEach(entry -> names.add(String.valueOf(entry.get(1))));
			}
			return names.containsAll(hosts) && chain.size() > 1 && chain.get(1).equals(certificate);
		}
		catch (GeneralSecurityException | RuntimeException e) {
			return false; // another authority's, expired, or unreadable: issue anew
		}
	}

	/** CN first, so that the broker's {@code RULE:^CN=([^,]+)(,.*)?$} takes the principal's name from it. */
	private static X500Name subject(String commonName, String unit) {
		return X500Name.getInstance(new X500Principal("CN=" + commonName + ", OU=" + unit + ", O=Nexus").getEncoded());
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
		return generator.generateKeyPair();
	}

	private static BigInteger serial() {
		return new BigInteger(127, RANDOM);
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
			throws OperatorCreationException, GeneralSecurityException {
		X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer));
		return new JcaX509CertificateConverter().getCertificate(holder);
	}

	/** Every certificate in a PEM file, in order. */
	static List<X509Certificate> readCertificates(Path file) throws IOException {
		List<X509Certificate> certificates = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
			for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
				if (object instanceof X509CertificateHolder holder) {
					certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
				}
			}
		}
		catch (GeneralSecurityException e) {
			throw new IOException("Unreadable certificate in " + file, e);
		}
		if (certificates.isEmpty()) {
			throw new IOException("No certificate in " + file);
		}
		return certificates;
	}

	private static PrivateKey readKey(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
			Object object = parser.readObject();
			if (object instanceof PrivateKeyInfo info) {
				return new JcaPEMKeyConverter().getPrivateKey(info);
			}
			throw new IOException("No PKCS#8 private key in " + file);
		}
	}

	static String pem(Object object) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(object);
		}
		return text.toString();
	}

	static void write(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, content);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** Written readable by the owner only (where the file system has POSIX permissions), then moved in place. */
	static void writePrivate(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		try {
			Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException e) {
			Files.createFile(temporary);
		}
		catch (FileAlreadyExistsException e) {
			throw new IOException("Another process is writing " + file, e);
		}
		Files.writeString(temporary, content);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	@Override
	public String toString() {
		return "local certificate authority in " + dir;
	}

	/**
	 * A principal's certificate as Kafka reads it.
	 * @param principal the CN, and the broker's principal name ({@code User:<principal>})
	 * @param keyStore its private key, certificate and the CA's certificate (PEM)
	 * @param trustStore the CA's certificate (PEM)
	 */
	public record IssuedCertificate(String principal, Path keyStore, Path trustStore) {

		/**
		 * A TLS context that presents this certificate with its chain and trusts the authority alone: what an HTTPS
		 * client of the platform needs to authenticate with its certificate (the identity provider's tls_client_auth).
		 */
		public SSLContext sslContext() {
			try {
				char[] inMemory = "in-memory".toCharArray();
				KeyStore identity = KeyStore.getInstance("PKCS12");
				identity.load(null, null);
				identity.setKeyEntry(principal, readKey(keyStore), inMemory,
						readCertificates(keyStore).toArray(X509Certificate[]::new));
				KeyStore trusted = KeyStore.getInstance("PKCS12");
				trusted.load(null, null);
				trusted.setCertificateEntry("authority", readCertificates(trustStore).get(0));
				KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(identity, inMemory);
				TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trust.init(trusted);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
				return context;
			}
			catch (IOException e) {
				throw new UncheckedIOException("Could not read " + keyStore + " or " + trustStore, e);
			}
			catch (GeneralSecurityException e) {
				throw new IllegalStateException("Unusable key or certificate in " + keyStore, e);
			}
		}
	}
}
