package se.nexus.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

import se.nexus.support.test.NexusIntegrationTest;

/** The notification service on real infrastructure, with the test clock and agencies' systems; one context for all. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@NexusIntegrationTest
@Import(NotificationTestConfiguration.class)
@interface NotificationServiceTest {
}
