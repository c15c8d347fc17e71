package io.jixiao.platform.relay;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's defaults, and the environment variables the README names for them. */
class RelayPropertiesTest {

    private static RelayProperties bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("jixiao.relay", Bindable.of(RelayProperties.class));
    }

    @Test
    void defaultsWhenOnlyTheTopicIsNamed() {
        assertThat(bind(Map.of("JIXIAO_RELAY_TOPIC", "budget.events")))
                .isEqualTo(new RelayProperties("budget.events", 4, 5_000, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    @Test
    void takesTheEnvironmentVariables() {
        RelayProperties relay = bind(Map.of("JIXIAO_RELAY_MAX_BACKLOG", "500", "JIXIAO_RELAY_BACKLOG_WAIT", "300ms",
                "JIXIAO_RELAY_SEND_TIMEOUT", "5s", "JIXIAO_RELAY_PARTITIONS", "8"));
        assertThat(relay.maxBacklog()).isEqualTo(500);
        assertThat(relay.backlogWait()).isEqualTo(Duration.ofMillis(300));
        assertThat(relay.sendTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(relay.partitions()).isEqualTo(8);
    }
}
