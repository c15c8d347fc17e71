package io.jixiao.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor with real processes (a {@code sleep} that is killed, a shell that exits at once), quick backoffs
 * and a give-up after 3 exits a minute.
 */
class SupervisorTest {

    private static final Supervisor.Policy QUICK = new Supervisor.Policy(3, Duration.ofMinutes(1), Duration.ofMillis(10),
            Duration.ofMillis(40));

    @TempDir
    Path var;

    private final ByteArrayOutputStream told = new ByteArrayOutputStream();
    private final List<Process> started = new ArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
        started.forEach(Process::destroyForcibly);
    }

    private Supervisor supervisor() {
        supervisor = new Supervisor(Clock.systemUTC(), QUICK, var.resolve(Supervisor.FILE),
                new PrintStream(told, true, StandardCharsets.UTF_8));
        return supervisor;
    }

    private Supervisor.Started spawn(String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return Supervisor.Started.of(process);
    }

    private String status() throws IOException {
        return Files.readString(var.resolve(Supervisor.FILE));
    }

    @Test
    void aHeldProcessStaysDownUntilReleasedAndItsExitDoesNotCount() throws Exception {
        Supervisor supervisor = supervisor();
        Supervisor.Started first = spawn("sleep", "60");
        supervisor.watch("kafka", first, () -> spawn("sleep", "60"));
        supervisor.hold("kafka");
        first.handle().destroy();
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.state("kafka") == Supervisor.State.HELD);
        assertThat(supervisor.current()).doesNotContainKey("kafka");
        assertThat(supervisor.restarts("kafka")).isZero();
        assertThat(supervisor.exits("kafka")).isEmpty();
        assertThat(status()).contains("HELD");
        assertThat(told.toString(StandardCharsets.UTF_8)).contains("held down on purpose");

        supervisor.release("kafka");
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.state("kafka") == Supervisor.State.RUNNING);
        assertThat(supervisor.current().get("kafka").pid()).isNotEqualTo(first.handle().pid());
        assertThat(supervisor.restarts("kafka")).isEqualTo(1);
        // released, it is supervised as before: the next exit is restarted
        ProcessHandle second = supervisor.current().get("kafka");
        second.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.restarts("kafka") == 2);
    }

    @Test
    void aKilledProcessIsRestartedAndEveryExitIsToldAndRecorded() throws Exception {
        Supervisor supervisor = supervisor();
        Supervisor.Started first = spawn("sleep", "60");
        supervisor.watch("scoring-service", first, () -> spawn("sleep", "60"));
        assertThat(status()).contains("scoring-service").contains("RUNNING").contains(Long.toString(first.handle().pid()));

        first.handle().destroyForcibly(); // SIGKILL
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.restarts("scoring-service") == 1
                && supervisor.state("scoring-service") == Supervisor.State.RUNNING);
        ProcessHandle second = supervisor.current().get("scoring-service");
        assertThat(second.pid()).isNotEqualTo(first.handle().pid());
        assertThat(second.isAlive()).isTrue();
        assertThat(supervisor.exits("scoring-service")).singleElement()
                .satisfies(exit -> assertThat(exit.how()).contains("exit code 137"));
        assertThat(status()).contains("RUNNING").contains(Long.toString(second.pid())).contains("exit code 137");
        assertThat(told.toString(StandardCharsets.UTF_8)).contains("scoring-service exit code 137")
                .contains("restarting in 10 ms").contains("scoring-service restarted (pid " + second.pid());
    }

    @Test
    void aProcessThatKeepsExitingIsLeftDownAndReported() throws Exception {
        Supervisor supervisor = supervisor();
        supervisor.watch("kafka", spawn("sh", "-c", "exit 3"), () -> spawn("sh", "-c", "exit 3"));
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.state("kafka") == Supervisor.State.DOWN);
        assertThat(supervisor.exits("kafka")).hasSize(3).allSatisfy(exit -> assertThat(exit.how()).contains("exit code 3"));
        assertThat(supervisor.restarts("kafka")).isEqualTo(2);
        assertThat(status()).contains("kafka").contains("DOWN");
        assertThat(told.toString(StandardCharsets.UTF_8)).contains("3 exits within 60 s, left down");
        // and it stays down: nothing is scheduled any more
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> supervisor.restarts("kafka") == 2 && supervisor.exits("kafka").size() == 3);
    }

    @Test
    void aRestartThatCannotStartCountsAsAnExit() throws Exception {
        Supervisor supervisor = supervisor();
        AtomicInteger attempts = new AtomicInteger();
        Supervisor.Started first = spawn("sh", "-c", "exit 1");
        supervisor.watch("postgres", first, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("port 15432 is already in use");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.state("postgres") == Supervisor.State.DOWN);
        assertThat(attempts).hasValue(2);
        assertThat(supervisor.exits("postgres")).extracting(Supervisor.Exit::how).last().asString()
                .contains("did not start again: port 15432 is already in use");
    }

    @Test
    void onceTheStackStopsNothingIsRestarted() throws Exception {
        Supervisor supervisor = supervisor();
        AtomicInteger restarts = new AtomicInteger();
        Supervisor.Started first = spawn("sleep", "60");
        supervisor.watch("gateway", first, () -> {
            restarts.incrementAndGet();
            return spawn("sleep", "60");
        });
        supervisor.close();
        first.handle().destroyForcibly();
        first.handle().onExit().get();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> restarts.get() == 0 && supervisor.exits("gateway").isEmpty());
        assertThat(supervisor.state("gateway")).isEqualTo(Supervisor.State.RUNNING);
    }

    @Test
    void theBackoffDoublesUpToItsCeiling() {
        Supervisor.Policy policy = Supervisor.Policy.DEFAULT;
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(60)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.maxExits()).isEqualTo(5);
        assertThat(policy.window()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void statusSaysWhenNoSupervisedStackHasRun() {
        assertThat(Supervisor.status(var)).contains("no supervised stack has run from");
    }
}
