package se.nexus.audit.messaging;

import java.util.List;

import org.springframework.stereotype.Component;

import se.nexus.audit.statistics.Urgencies;
import se.nexus.events.Urgency;

/** The urgencies as the events' Avro schema defines them: the statistics show each, even when none was counted. */
@Component
class SchemaUrgencies implements Urgencies {

    @Override
    public List<String> symbols() {
        return List.copyOf(Urgency.getClassSchema().getEnumSymbols());
    }
}
