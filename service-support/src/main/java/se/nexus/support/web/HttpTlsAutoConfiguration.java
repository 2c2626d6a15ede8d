package se.nexus.support.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.annotation.Bean;

/**
 * HTTPS only, from the platform authority's PEM files, when {@code server.ssl.enabled}: the SSL bundle
 * {@value #BUNDLE} that {@code server.ssl.bundle} names. It exists only then, so that nothing (Boot's SSL metrics
 * and health check read every bundle) looks for key files a plain-HTTP set-up does not have.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("server.ssl.enabled")
@EnableConfigurationProperties(HttpTlsProperties.class)
public class HttpTlsAutoConfiguration {

    /** The bundle's name. */
    public static final String BUNDLE = "nexus-http";

    @Bean
    SslBundleRegistrar nexusHttpBundle(HttpTlsProperties properties) {
        if (properties.keystore() == null || properties.truststore() == null) {
            throw new IllegalStateException("HTTPS is on (NEXUS_HTTP_TLS=true) but nexus.http.tls.keystore or "
                + ".truststore is not set (NEXUS_HTTP_TLS_KEYSTORE, NEXUS_HTTP_TLS_TRUSTSTORE)");
        }
        String identity = properties.keystore().toAbsolutePath().toString();
        PemSslStoreDetails key = PemSslStoreDetails.forCertificate(identity).withPrivateKey(identity);
        PemSslStoreDetails trust = PemSslStoreDetails.forCertificate(properties.truststore().toAbsolutePath().toString());
        return registry -> registry.registerBundle(BUNDLE, SslBundle.of(new PemSslStoreBundle(key, trust)));
    }
}
