package io.jixiao.contracts;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The JSON value of every record on {@link Topics#BUDGET_EVENTS} and {@link Topics#INDICATOR_EVENTS}.
 *
 * @param eventId       the stored event's id, unique across the system
 * @param type          the event's simple type name, e.g. {@code ExpenditureRecorded}
 * @param schemaVersion the payload's {@link SchemaVersion}
 * @param projectId     the project-year, also the record key
 * @param sequence      the event's position in its project's stream in the producing service, from 0, contiguous
 * @param businessDate  the date the fact belongs to
 * @param recordedAt    when the producing service stored the event
 * @param payload       the event itself
 */
public record EventEnvelope(String eventId, String type, int schemaVersion, String projectId, long sequence,
                            LocalDate businessDate, Instant recordedAt, JsonNode payload) {
}
