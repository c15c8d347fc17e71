package io.jixiao.platform.audit;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Notes the id of every event published while a request is served, so its audit record names the stored events.
 * Commands run on the request's thread (Axon's simple command bus), so the request's entry is at hand; the ids are
 * kept only when the request succeeds (a refused command's transaction rolls back).
 */
public class AuditedEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            AuditEntry.current().ifPresent(entry -> entry.eventWritten(message.getIdentifier()));
            return message;
        };
    }
}
