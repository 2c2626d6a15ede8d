package se.nexus.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The local stack's identity provider: Spring Authorization Server for the demo agencies' systems and people. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IdentityProviderApplication {

	public static void main(String[] args) {
		SpringApplication.run(IdentityProviderApplication.class, args);
	}
}
