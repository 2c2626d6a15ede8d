package se.nexus.support.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP API ({@code nexus.web}).
 *
 * @param maxBody the longest request body any endpoint accepts unless a path says otherwise
 * @param bodyLimits longer or shorter limits for some paths (Spring's {@code PathPattern} syntax), first match wins
 */
@ConfigurationProperties("nexus.web")
public record WebProperties(@DefaultValue("8KB") DataSize maxBody, @DefaultValue List<BodyLimit> bodyLimits) {

    /** The longest body a path pattern accepts. */
    public record BodyLimit(String path, DataSize max) {
    }
}
