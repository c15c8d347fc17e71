package io.jixiao.platform.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The Kafka relay of a service's events, {@code jixiao.relay.*}. The relay, its topic and the back-pressure on
 * writes exist only where a topic is named.
 *
 * @param topic       the topic the service publishes to: one of {@code io.jixiao.contracts.Topics}
 * @param partitions  partitions of the topic when it is created at start-up; events are keyed by project
 * @param maxBacklog  unpublished events beyond which writes wait; well inside the event store's window of events in
 *                    memory ({@code OrderedEventStoreAutoConfiguration.CACHED_EVENTS})
 * @param backlogWait how long a write waits for room before it is refused with 503
 * @param sendTimeout how long a relay batch waits for the broker's acknowledgements before it is retried
 */
@ConfigurationProperties("jixiao.relay")
public record RelayProperties(String topic,
                              @DefaultValue("4") int partitions,
                              @DefaultValue("5000") long maxBacklog,
                              @DefaultValue("10s") Duration backlogWait,
                              @DefaultValue("30s") Duration sendTimeout) {
}
