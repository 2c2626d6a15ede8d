package se.nexus.support.web;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PEM files a service serves HTTPS with when {@code server.ssl.enabled} (NEXUS_HTTP_TLS=true), as its Kafka
 * client reads its own: the same kind of files from the same authority.
 * @param keystore its private key (unencrypted PKCS#8) and certificate chain, the certificate valid for the host name
 * clients use
 * @param truststore the authority's certificate
 */
@ConfigurationProperties("nexus.http.tls")
public record HttpTlsProperties(Path keystore, Path truststore) {
}
