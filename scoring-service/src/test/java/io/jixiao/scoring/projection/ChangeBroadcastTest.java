package io.jixiao.scoring.projection;

import io.jixiao.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances on one read-model database (a real PostgreSQL): what one applies, the other hears of. */
class ChangeBroadcastTest {

    private final DataSource database = TestPostgres.instance().getDatabase("postgres", "postgres");
    private final BlockingQueue<Object> heardByA = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> heardByB = new LinkedBlockingQueue<>();
    private final ChangeBroadcast a = new ChangeBroadcast(database, heardByA::add);
    private final ChangeBroadcast b = new ChangeBroadcast(database, heardByB::add);

    @AfterEach
    void stop() {
        a.stop();
        b.stop();
    }

    @Test
    void anotherInstanceHearsTheChangeAndTheTellerDoesNotHearItself() throws Exception {
        a.start();
        b.start();
        // the listeners are up once a first change gets through
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            b.tell(List.of("warm-up"));
            return heardByA.poll(200, TimeUnit.MILLISECONDS) != null;
        });
        while (heardByA.poll(500, TimeUnit.MILLISECONDS) != null) {
            // warm-ups still on their way
        }

        b.tell(List.of("2023-XXH-001", "2023-XXH-002"));

        assertThat(heardByA.poll(10, TimeUnit.SECONDS)).isEqualTo(new ReadModelChanged(Set.of("2023-XXH-001", "2023-XXH-002")));
        a.tell(List.of("2023-XXH-003"));
        assertThat(heardByB.poll(10, TimeUnit.SECONDS)).isEqualTo(new ReadModelChanged(Set.of("2023-XXH-003")));
        // neither heard itself: by now its own notifications would have arrived with the other's
        assertThat(heardByA.poll(1, TimeUnit.SECONDS)).isNull();
        assertThat(heardByB).isEmpty();
    }

    @Test
    void manyProjectYearsAreToldInSeveralNotificationsAndAllArrive() throws Exception {
        a.start();
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            b.tell(List.of("warm-up"));
            return heardByA.poll(200, TimeUnit.MILLISECONDS) != null;
        });
        while (heardByA.poll(500, TimeUnit.MILLISECONDS) != null) {
            // warm-ups still on their way
        }
        List<String> ids = IntStream.range(0, 600).mapToObj(i -> "2023-DEPARTMENT-PROJECT-" + i).toList();

        b.tell(ids);

        Set<String> heard = new HashSet<>();
        int notifications = 0;
        while (heard.size() < ids.size()) {
            Object change = heardByA.poll(10, TimeUnit.SECONDS);
            assertThat(change).as("heard " + heard.size() + " of " + ids.size()).isNotNull();
            heard.addAll(((ReadModelChanged) change).projectIds());
            notifications++;
        }
        assertThat(heard).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(notifications).isGreaterThan(1);
        assertThat(ChangeBroadcast.payloads("i", ids)).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(ChangeBroadcast.MAX_PAYLOAD));
    }
}
