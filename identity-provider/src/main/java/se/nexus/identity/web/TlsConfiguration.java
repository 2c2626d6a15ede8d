package se.nexus.identity.web;

import java.nio.file.Path;
import java.util.Map;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.nexus.identity.IdentityProviderProperties;

/**
 * HTTPS from the platform authority's PEM files: on the first port when {@code server.ssl.enabled}
 * (NEXUS_HTTP_TLS=true), and on a second port, when one is set, where every client must present a certificate of the
 * authority (tls_client_auth) while the first keeps serving the secret and private_key_jwt, over plain HTTP on a
 * developer's machine. Spring Boot configures one port; the second is added with Boot's own TLS set-up, from the same
 * SSL bundle. The bundle exists only when TLS is used, so that no one (the SSL metrics, the health check) reads key
 * files that a plain-HTTP set-up does not have.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${server.ssl.enabled:false} or ${nexus.identity.mutual-tls-port:0} > 0")
class TlsConfiguration {

	/** The SSL bundle {@code server.ssl.bundle} names: the server's key and certificate chain, the authority it trusts. */
	static final String BUNDLE = "nexus-http";

	@Bean
	SslBundleRegistrar nexusHttpBundle(@Value("${nexus.http.tls.keystore}") Path keyStore,
			@Value("${nexus.http.tls.truststore}") Path trustStore) {
		String identity = keyStore.toAbsolutePath().toString();
		return registry -> registry.registerBundle(BUNDLE,
				SslBundle.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(identity).withPrivateKey(identity),
						PemSslStoreDetails.forCertificate(trustStore.toAbsolutePath().toString()))));
	}

	@Bean
	@ConditionalOnExpression("${nexus.identity.mutual-tls-port:0} > 0")
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> mutualTlsConnector(IdentityProviderProperties properties,
			SslBundles bundles) {
		return factory -> {
			Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
			connector.setPort(properties.mutualTlsPort());
			new SslConnectorCustomizer(LogFactory.getLog(TlsConfiguration.class), connector, Ssl.ClientAuth.NEED)
				.customize(bundles.getBundle(BUNDLE), Map.of());
			factory.addAdditionalConnectors(connector);
		};
	}
}
