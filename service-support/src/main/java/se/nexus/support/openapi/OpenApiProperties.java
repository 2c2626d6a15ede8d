package se.nexus.support.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service's OpenAPI document says about itself ({@code nexus.openapi}).
 *
 * @param title the API's name
 * @param description what the API is for, in a sentence or two
 * @param version the version of the contract (the path says the major version)
 * @param licenseName the licence the API is offered under, or blank for none declared
 * @param licenseUrl where that licence is written, or blank
 */
@ConfigurationProperties("nexus.openapi")
public record OpenApiProperties(@DefaultValue("Nexus API") String title, @DefaultValue("") String description,
        @DefaultValue("1.0.0") String version, @DefaultValue("") String licenseName, @DefaultValue("") String licenseUrl) {
}
