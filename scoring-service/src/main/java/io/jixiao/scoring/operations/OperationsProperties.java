package io.jixiao.scoring.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How often the operations gauges are measured, {@code jixiao.operations.*}. They are measured on a schedule, never
 * on a scrape, so a busy Prometheus costs the service nothing more.
 *
 * @param statusInterval how often the project-years are counted per department and status (a pass over the read
 *                       model, one money query per project-year)
 * @param lagInterval    how often the projection lag and the dead-letter topics are measured (a few Kafka requests)
 */
@ConfigurationProperties("jixiao.operations")
record OperationsProperties(@DefaultValue("30s") Duration statusInterval, @DefaultValue("15s") Duration lagInterval) {
}
