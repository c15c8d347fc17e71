package io.jixiao.gateway.upstream;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfiguredUpstreamsTest {

    @Test
    void oneUrlOrSeveralSeparatedByCommas() {
        ConfiguredUpstreams upstreams = new ConfiguredUpstreams(Map.of(
                "budget-service", "http://127.0.0.1:8081, http://127.0.0.1:8091,",
                "scoring-service", "https://scoring.internal"));
        assertThat(upstreams.getInstances("budget-service").map(ServiceInstance::getUri).map(Object::toString)
                .collectList().block()).containsExactly("http://127.0.0.1:8081", "http://127.0.0.1:8091");
        assertThat(upstreams.getInstances("scoring-service").map(ServiceInstance::getUri).map(Object::toString)
                .collectList().block()).containsExactly("https://scoring.internal:443");
        assertThat(upstreams.getInstances("unknown").collectList().block()).isEmpty();
    }

    @Test
    void anEmptyListOrSomethingOtherThanAnHttpUrlStopsTheStart() {
        assertThatThrownBy(() -> new ConfiguredUpstreams(Map.of("budget-service", " , ")))
                .hasMessageContaining("budget-service names no URL");
        assertThatThrownBy(() -> new ConfiguredUpstreams(Map.of("budget-service", "127.0.0.1:8081")))
                .hasMessageContaining("not an http(s) URL");
    }
}
