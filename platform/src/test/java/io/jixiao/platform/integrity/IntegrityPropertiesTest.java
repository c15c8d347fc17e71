package io.jixiao.platform.integrity;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrityPropertiesTest {

    private static IntegrityProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("jixiao.integrity", Bindable.of(IntegrityProperties.class));
    }

    @Test
    void onByDefaultWithACheckpointEveryTenMinutesAndAKeyFilePerApplication() {
        IntegrityProperties integrity = bind(Map.of());
        assertThat(integrity).isEqualTo(new IntegrityProperties(true, Duration.ofMinutes(10), null, 1000));
        assertThat(integrity.keyFileOf("budget-service")).isEqualTo(Path.of("var", "budget-service", "sm2-key.pem"));
    }

    @Test
    void canBeSwitchedOffAndPointedElsewhere() {
        IntegrityProperties integrity = bind(Map.of("jixiao.integrity.enabled", "false",
                "jixiao.integrity.checkpoint-interval", "30s", "jixiao.integrity.key-file", "/etc/jixiao/sm2.pem"));
        assertThat(integrity.enabled()).isFalse();
        assertThat(integrity.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(integrity.keyFileOf("budget-service")).isEqualTo(Path.of("/etc/jixiao/sm2.pem"));
    }
}
