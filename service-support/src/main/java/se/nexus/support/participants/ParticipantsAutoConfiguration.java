package se.nexus.support.participants;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Binds the participant directory; services import {@code classpath:nexus-participants.yml} for the defaults. */
@AutoConfiguration
@EnableConfigurationProperties(Participants.class)
public class ParticipantsAutoConfiguration {
}
