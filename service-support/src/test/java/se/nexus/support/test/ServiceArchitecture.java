package se.nexus.support.test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.support.web.ApiException;
import se.nexus.support.web.PageOf;

/**
 * The architecture rules every Nexus service keeps, given its root package and where its adapters live: Kafka
 * and Avro stay in messaging, the domain knows no transport, and no service uses another.
 *
 * <p>The domain is every class of the service except its adapters: the adapter packages, the REST controllers
 * (with their nested types) and any adapter class the service names.
 */
public record ServiceArchitecture(String root, List<String> adapterPackages, List<String> adapterClasses) {

    private static final List<String> SERVICES = List.of("se.nexus.referral", "se.nexus.notification",
        "se.nexus.audit");

    /** The rules for the service in {@code root}, whose adapters are in the named subpackages. */
    public static ServiceArchitecture of(String root, String... adapterPackages) {
        return new ServiceArchitecture(root, Arrays.stream(adapterPackages).map(p -> root + "." + p + "..").toList(),
            List.of());
    }

    /** Also counts a class outside the adapter packages as an adapter, named relative to the root package. */
    public ServiceArchitecture withAdapterClass(String relativeName) {
        return new ServiceArchitecture(root, adapterPackages,
            Stream.concat(adapterClasses.stream(), Stream.of(root + "." + relativeName)).toList());
    }

    /** Every rule below, as one: each service checks the same set. */
    public ArchRule all() {
        return CompositeArchRule.of(onlyMessagingKnowsKafkaAndAvro()).and(domainKnowsNoTransport())
            .and(domainRefusalsNameOnlyTheirStatus()).and(usesNoOtherService());
    }

    /** Avro, the event contracts and Kafka are the messaging adapter's business, nobody else's. */
    public ArchRule onlyMessagingKnowsKafkaAndAvro() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "org.apache.kafka..",
                "org.springframework.kafka..", "se.nexus.events..")
            .because("events leave and enter a service only through its messaging package");
    }

    /**
     * The domain knows neither messaging nor HTTP nor the service's own adapters. It may throw the refusals the
     * API maps ({@link ApiException} and its subclasses, which carry an {@link HttpStatus}), and answer a list
     * query with a {@link PageOf}.
     */
    public ArchRule domainKnowsNoTransport() {
        DescribedPredicate<JavaClass> transport = transport();
        DescribedPredicate<JavaClass> allowed = assignableTo(ApiException.class).or(assignableTo(PageOf.class));
        return noClasses().that(domain()).and(not(assignableTo(ApiException.class)))
            .should().dependOnClassesThat(transport.and(not(allowed)))
            .because("adapters depend on the domain, never the other way round; a domain refusal is an "
                + "ApiException because that is the one type the API maps to a problem answer, and a page of "
                + "results is the answer of a list query, not a web type");
    }

    /** Refusals in the domain may name their HTTP status, and nothing else of HTTP or of the adapters. */
    public ArchRule domainRefusalsNameOnlyTheirStatus() {
        DescribedPredicate<JavaClass> transport = transport();
        DescribedPredicate<JavaClass> allowed = assignableTo(ApiException.class).or(assignableTo(HttpStatus.class));
        return noClasses().that(domain()).and(assignableTo(ApiException.class))
            .should().dependOnClassesThat(transport.and(not(allowed)))
            .because("a refusal is an ApiException with the status the API answers with, nothing more of HTTP")
            // A service whose domain refuses nothing (the audit log) has no class for this rule to check.
            .allowEmptyShould(true);
    }

    /** Services talk through events and never share code. */
    public ArchRule usesNoOtherService() {
        String[] others = SERVICES.stream().filter(service -> !service.equals(root)).map(service -> service + "..")
            .toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..")
            .should().dependOnClassesThat().resideInAnyPackage(others)
            .because("services only know each other's events, so each can be deployed and changed alone");
    }

    private DescribedPredicate<JavaClass> transport() {
        return resideInAnyPackage("org.apache.avro..", "org.apache.kafka..", "org.springframework.kafka..",
            "se.nexus.events..", "se.nexus.support.web..", "org.springframework.http..").or(adapter())
            .as("transport");
    }

    private DescribedPredicate<JavaClass> domain() {
        return resideInAPackage(root + "..").and(not(adapter())).as("domain of " + root);
    }

    private DescribedPredicate<JavaClass> adapter() {
        DescribedPredicate<JavaClass> controller = DescribedPredicate.describe("REST controller",
            javaClass -> javaClass.isAnnotatedWith(RestController.class));
        DescribedPredicate<JavaClass> named = DescribedPredicate.describe("named adapter class",
            javaClass -> adapterClasses.contains(javaClass.getName()));
        DescribedPredicate<JavaClass> inPackage = resideInAnyPackage(adapterPackages.toArray(String[]::new));
        return inPackage.or(belongTo(controller.or(named))).as("adapters of " + root);
    }
}
