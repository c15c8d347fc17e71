package io.jixiao.scoring.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the consumed topics are declared and how often a failing record is retried before it is dead-lettered.
 *
 * @param topics partitions and replicas of the event topics and their dead-letter topics
 * @param retry  the pause between attempts and the number of retries after the first failure
 */
@ConfigurationProperties("jixiao.projection")
record ProjectionProperties(Topics topics, Retry retry) {

    record Topics(int partitions, short replicas) {
    }

    record Retry(Duration interval, long attempts) {
    }
}
