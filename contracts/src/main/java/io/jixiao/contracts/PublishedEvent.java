package io.jixiao.contracts;

import java.time.LocalDate;

/** An event a service stores and publishes on Kafka, keyed by the project-year it belongs to. */
public interface PublishedEvent {

    /** The project-year id, also the Kafka record key. */
    String projectId();

    /**
     * The business date the fact belongs to (a payment's value date), or null when the fact has none and the
     * recorded date applies.
     */
    default LocalDate businessDate() {
        return null;
    }

    static int schemaVersionOf(Class<?> type) {
        SchemaVersion version = type.getAnnotation(SchemaVersion.class);
        if (version == null) {
            throw new IllegalArgumentException(type.getName() + " has no @SchemaVersion");
        }
        return version.value();
    }
}
