package se.nexus.audit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.audit.log.NewEntry;
import se.nexus.schemas.signing.EventSignatures;

/**
 * Reads, generically and tolerantly, the fields the log records from any event: its metadata, the case and
 * subject references and the agencies involved. An event type this service has never seen is still recorded.
 */
final class EventFields {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventFields() {
    }

    static NewEntry of(ConsumerRecord<?, ?> record, GenericRecord event) {
        GenericRecord metadata = child(event, "metadata");
        Set<String> agencies = agencies(event);
        String actingAgency = text(metadata, "actingAgency");
        if (actingAgency != null) {
            agencies.add(actingAgency);
        }
        return new NewEntry(eventId(record, metadata), event.getSchema().getFullName(), record.topic(),
            record.partition(), record.offset(), instant(field(metadata, "occurredAt")), text(metadata, "producer"),
            actingAgency, text(metadata, "actingUserRef"), text(event, "referralId"), subjectRef(event),
            agencies, details(event), EventSignatures.keyIdOf(record.headers()), signature(record));
    }

    /** The producer's signature, verified by the deserializer before the event was read; base64. */
    private static String signature(ConsumerRecord<?, ?> record) {
        byte[] signature = EventSignatures.signatureOf(record.headers());
        return signature == null ? null : Base64.getEncoder().encodeToString(signature);
    }

    /** The codes of an access event and the legal basis of a disclosure, which the person's extract shows. */
    private static final List<String> DETAIL_FIELDS = List.of("recordType", "recordId", "outcome", "request", "role",
        "holder", "channel", "freeTextRevealed");

    /**
     * The codes and ids of a case's and a notification's events that the statistics count by: the sending and
     * receiving agency, a decline's or handover's reason code, a notification's id and the type of event behind it.
     * Never a free-text field ({@code purpose}, {@code summary}, {@code comment}, a legal hold's {@code reason}).
     */
    private static final List<String> CODE_FIELDS = List.of("reasonCode", "fromAgency", "toAgency", "notificationId",
        "triggerEventType");

    /**
     * The event's codes that an extract, the follow-up of access and the statistics need, as a small JSON object in a
     * fixed order; null when it has none. Codes and ids only: these fields carry no free text.
     */
    static String details(GenericRecord event) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (String name : DETAIL_FIELDS) {
            Object value = field(event, name);
            if (value instanceof CharSequence || value instanceof Boolean) {
                details.put(name, value instanceof Boolean ? value : value.toString());
            }
        }
        putCaseCodes(details, event);
        // Whether the case's person has a protected identity: the follow-up of reads needs it.
        if (field(child(event, "subject"), "protectedIdentity") instanceof Boolean protectedIdentity) {
            details.put("protectedIdentity", protectedIdentity);
        }
        Map<String, Object> legalBasis = legalBasis(child(event, "legalBasis"));
        if (legalBasis != null) {
            details.put("legalBasis", legalBasis);
        }
        List<Map<String, Object>> purged = purged(event);
        if (purged != null) {
            details.put("purged", purged);
        }
        return details.isEmpty() ? null : JSON.writeValueAsString(details);
    }

    private static void putCaseCodes(Map<String, Object> details, GenericRecord event) {
        for (String name : CODE_FIELDS) {
            putCode(details, name, field(event, name));
        }
        putCode(details, "urgency", field(event, "urgency"));
        if (field(event, "concerns") instanceof Collection<?> concerns) {
            details.put("concerns", concerns.stream().map(EventFields::code).filter(Objects::nonNull).toList());
        }
        Instant deadline = instant(field(event, "deadline"));
        if (deadline != null) {
            details.put("deadline", deadline.toEpochMilli());
        }
    }

    private static Map<String, Object> legalBasis(GenericRecord basis) {
        if (basis == null) {
            return null;
        }
        Map<String, Object> legalBasis = new LinkedHashMap<>();
        for (String name : List.of("type", "provisionCode", "consentId")) {
            Object value = field(basis, name);
            if (value != null) {
                legalBasis.put(name, value.toString());
            }
        }
        return legalBasis;
    }

    /**
     * A retention run's counts ({@code RecordsPurged}): how many records of which class it deleted and their period,
     * so the chain holds what went without ever having held what it was.
     */
    private static List<Map<String, Object>> purged(GenericRecord event) {
        if (!(field(event, "purged") instanceof Collection<?> elements)) {
            return null;
        }
        List<Map<String, Object>> purged = new ArrayList<>();
        for (Object element : elements) {
            if (element instanceof GenericRecord counted) {
                Map<String, Object> count = new LinkedHashMap<>();
                count.put("recordClass", text(counted, "recordClass"));
                count.put("count", field(counted, "count") instanceof Long number ? number : null);
                count.put("retainedFor", text(counted, "retainedFor"));
                purged.add(count);
            }
        }
        return purged;
    }

    /** The event's own id, or, for an event without one, an id derived from where it was read so redelivery matches. */
    private static String eventId(ConsumerRecord<?, ?> record, GenericRecord metadata) {
        String id = text(metadata, "eventId");
        if (id != null) {
            return id;
        }
        String where = record.topic() + "/" + record.partition() + "/" + record.offset();
        return UUID.nameUUIDFromBytes(where.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String subjectRef(GenericRecord event) {
        String direct = text(event, "subjectRef");
        return direct != null ? direct : text(child(event, "subject"), "ref");
    }

    /** Every string field named {@code agency} or {@code *Agency}, and the agencies a consent is granted to. */
    private static Set<String> agencies(GenericRecord event) {
        Set<String> agencies = new TreeSet<>();
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.pos());
            if (field.name().equals("agency") || field.name().endsWith("Agency")) {
                addText(agencies, value);
            } else if (field.name().equals("grantedTo") && value instanceof Collection<?> values) {
                values.forEach(each -> addText(agencies, each));
            }
        }
        return agencies;
    }

    private static void putCode(Map<String, Object> details, String name, Object value) {
        String code = code(value);
        if (code != null) {
            details.put(name, code);
        }
    }

    /** A code as text: a string, or an enum symbol's name (generic or generated). */
    private static String code(Object value) {
        return value instanceof CharSequence || value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>
            ? value.toString() : null;
    }

    private static void addText(Set<String> into, Object value) {
        if (value instanceof CharSequence text) {
            into.add(text.toString());
        }
    }

    private static GenericRecord child(GenericRecord record, String name) {
        return field(record, name) instanceof GenericRecord child ? child : null;
    }

    private static String text(GenericRecord record, String name) {
        Object value = field(record, name);
        return value instanceof CharSequence || value instanceof UUID ? value.toString() : null;
    }

    private static Object field(GenericRecord record, String name) {
        return record != null && record.hasField(name) ? record.get(name) : null;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        return value instanceof Long millis ? Instant.ofEpochMilli(millis) : null;
    }
}
