package se.nexus.support.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import se.nexus.support.security.Caller;
import se.nexus.support.security.NexusSecurityAutoConfiguration;
import se.nexus.support.security.SecurityProperties;

/** One springdoc configuration for every service, so that each {@code /v3/api-docs} is the API a client meets. */
@AutoConfiguration(after = NexusSecurityAutoConfiguration.class)
@ConditionalOnClass(OpenApiCustomizer.class)
@EnableConfigurationProperties(OpenApiProperties.class)
public class OpenApiAutoConfiguration {

    static {
        // The caller comes from the bearer token, not from the request: no client can or should send it.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenApiCustomizer nexusContract(OpenApiProperties properties, ObjectProvider<SecurityProperties> security,
            Environment environment) {
        SecurityProperties rules = security.getIfAvailable();
        return new ContractCustomizer(properties, rules == null ? java.util.List.of() : rules.endpoints(),
            environment.getProperty("nexus.idempotency.enabled", Boolean.class, false), admission(environment));
    }

    /** As {@code AdmissionAutoConfiguration} decides it: on unless disabled, the lag bound where there is an outbox. */
    private static ContractCustomizer.Admission admission(Environment environment) {
        if (!environment.getProperty("nexus.admission.enabled", Boolean.class, true)) {
            return ContractCustomizer.Admission.NONE;
        }
        return environment.getProperty("nexus.outbox.enabled", Boolean.class, false)
            ? ContractCustomizer.Admission.IN_FLIGHT_AND_OUTBOX_LAG : ContractCustomizer.Admission.IN_FLIGHT;
    }
}
