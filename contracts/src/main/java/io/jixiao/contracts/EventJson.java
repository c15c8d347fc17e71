package io.jixiao.contracts;

import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.AnnualGoalAchievementReported;
import io.jixiao.contracts.indicator.AnnualGoalSet;
import io.jixiao.contracts.indicator.EvaluationFinalised;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.IndicatorTargetChanged;
import com.fasterxml.jackson.annotation.JsonRawValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The JSON form of published events: writing envelopes on the producer side, reading them on the consumer side. */
public final class EventJson {

    /** Business dates of facts without one are the recorded date in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final List<Class<? extends PublishedEvent>> TYPES = List.of(
            ProjectYearRegistered.class, InitialBudgetAllocated.class, ProjectYearOpened.class, BudgetAdjusted.class,
            ExpenditureRecorded.class, ExpenditureReversed.class, ExpenditureRefunded.class, ProjectYearClosed.class,
            IndicatorDefined.class, IndicatorTargetChanged.class, IndicatorActualRecorded.class,
            IndicatorBoundToExecutionRate.class, IndicatorScored.class, AnnualGoalSet.class,
            AnnualGoalAchievementReported.class, EvaluationFinalised.class);

    private static final Map<String, Class<? extends PublishedEvent>> BY_NAME =
            TYPES.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static String write(PublishedEvent event, String eventId, long sequence, Instant recordedAt) {
        LocalDate businessDate = event.businessDate() != null ? event.businessDate() : recordedAt.atZone(ZONE).toLocalDate();
        EventEnvelope envelope = new EventEnvelope(eventId, event.getClass().getSimpleName(),
                PublishedEvent.schemaVersionOf(event.getClass()), event.projectId(), sequence, businessDate, recordedAt,
                MAPPER.valueToTree(event));
        return MAPPER.writeValueAsString(envelope);
    }

    /** An envelope ready to send: its record key (the project-year) and its JSON. */
    public record Written(String projectId, String json) {
    }

    /** The envelope as {@link #write} lays it out, with a payload that is already JSON. */
    private record StoredEnvelope(String eventId, String type, int schemaVersion, String projectId, long sequence,
                                  LocalDate businessDate, Instant recordedAt, @JsonRawValue String payload) {
    }

    /**
     * The envelope of a stored event from the JSON the event store holds for it, without binding it to its type and
     * writing it again: the stored JSON becomes the payload as it is (what relaying one cost most, see
     * bench/README.md). Only its top-level {@code projectId} and {@code businessDate} are read, by Jackson's
     * streaming parser, which also checks that the whole of it is one JSON object.
     *
     * <p>The stored JSON must be the payload's published form at {@code type}'s current schema version: the event
     * stores' serializer writes events with Jackson's defaults and the events' own annotations, as {@link #write}
     * does (the relay's tests compare the two for every kind of field), and the relay passes older versions, which
     * upcasters may change, to {@link #write} instead.
     */
    public static Written writeStored(Class<? extends PublishedEvent> type, byte[] storedJson, String eventId,
                                      long sequence, Instant recordedAt) {
        String projectId = null;
        LocalDate businessDate = null;
        try (JsonParser parser = MAPPER.createParser(storedJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEventException("stored " + type.getSimpleName() + " " + eventId + " is not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("projectId")) {
                    projectId = parser.getString();
                } else if (value == JsonToken.VALUE_STRING && name.equals("businessDate")) {
                    businessDate = LocalDate.parse(parser.getString());
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedEventException("stored " + type.getSimpleName() + " " + eventId + " has more than one JSON value");
            }
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            throw new MalformedEventException("stored " + type.getSimpleName() + " " + eventId + " is not readable: " + e.getMessage());
        }
        if (projectId == null) {
            throw new MalformedEventException("stored " + type.getSimpleName() + " " + eventId + " has no projectId");
        }
        LocalDate date = businessDate != null ? businessDate : recordedAt.atZone(ZONE).toLocalDate();
        StoredEnvelope envelope = new StoredEnvelope(eventId, type.getSimpleName(), PublishedEvent.schemaVersionOf(type),
                projectId, sequence, date, recordedAt, new String(storedJson, StandardCharsets.UTF_8));
        return new Written(projectId, MAPPER.writeValueAsString(envelope));
    }

    /** Reads an envelope; a record that is not one is a {@link MalformedEventException}. */
    public static EventEnvelope read(String json) {
        try {
            EventEnvelope envelope = MAPPER.readValue(json, EventEnvelope.class);
            if (envelope.eventId() == null || envelope.type() == null || envelope.projectId() == null
                    || envelope.payload() == null || envelope.recordedAt() == null) {
                throw new MalformedEventException("envelope misses eventId, type, projectId, recordedAt or payload");
            }
            return envelope;
        } catch (JacksonException e) {
            throw new MalformedEventException("not an event envelope: " + e.getOriginalMessage());
        }
    }

    /** The typed payload of an envelope; unknown types and versions are a {@link MalformedEventException}. */
    public static PublishedEvent payload(EventEnvelope envelope) {
        Class<? extends PublishedEvent> type = BY_NAME.get(envelope.type());
        if (type == null) {
            throw new MalformedEventException("unknown event type " + envelope.type());
        }
        int known = PublishedEvent.schemaVersionOf(type);
        if (envelope.schemaVersion() != known) {
            throw new MalformedEventException(envelope.type() + " schema version " + envelope.schemaVersion()
                    + " is not the known version " + known);
        }
        try {
            PublishedEvent event = MAPPER.treeToValue(envelope.payload(), type);
            if (!envelope.projectId().equals(event.projectId())) {
                throw new MalformedEventException("payload project " + event.projectId() + " differs from envelope project " + envelope.projectId());
            }
            return event;
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException("bad " + envelope.type() + " payload: " + e.getMessage());
        }
    }

    /** The published event types. */
    public static List<Class<? extends PublishedEvent>> types() {
        return TYPES;
    }

    /** A record that cannot be read as a known event: it goes to the dead-letter topic. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
