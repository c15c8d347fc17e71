package io.jixiao.platform.axon;

import io.jixiao.contracts.SchemaVersion;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;

/** Stores a published event's {@link SchemaVersion} as its Axon payload revision; other types use {@code @Revision}. */
class SchemaVersionRevisionResolver implements RevisionResolver {

    private final RevisionResolver fallback = new AnnotationRevisionResolver();

    @Override
    public String revisionOf(Class<?> payloadType) {
        SchemaVersion version = payloadType.getAnnotation(SchemaVersion.class);
        return version != null ? String.valueOf(version.value()) : fallback.revisionOf(payloadType);
    }
}
