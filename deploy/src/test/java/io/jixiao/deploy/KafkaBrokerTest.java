package io.jixiao.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void configuresOneCombinedKraftNodeOnLoopback() {
        Map<String, String> p = KafkaBroker.serverProperties(19092, 19093, Path.of("var", "kafka", "data"));

        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER");
        assertThat(p.get("log.dirs")).isEqualTo(Path.of("var", "kafka", "data").toAbsolutePath().toString());
    }

    @Test
    void canTellClientsToConnectThroughAProxyInFront() {
        Map<String, String> p = KafkaBroker.serverProperties(19092, 29092, 19093, Path.of("d"));

        assertThat(p).containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:29092");
    }

    @Test
    void givesEveryInternalTopicASingleReplica() {
        Map<String, String> p = KafkaBroker.serverProperties(1, 2, Path.of("d"));

        assertThat(p).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1");
    }

    @Test
    void rendersOneKeyValueLinePerProperty() {
        String text = KafkaBroker.render(KafkaBroker.serverProperties(1, 2, Path.of("d")));

        assertThat(text.lines().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.matches("[a-z.]+=.+"))
                .contains("node.id=1");
    }

    @Test
    void runsTheBrokerWithTheGivenClassPathAndHeap() {
        assertThat(KafkaBroker.command("a.jar:b.jar", StackConfig.KAFKA_JVM_OPTIONS, KafkaBroker.MAIN_CLASS, "s.properties"))
                .endsWith("-cp", "a.jar:b.jar", "kafka.Kafka", "s.properties")
                .contains("-Xmx384m");
    }
}
