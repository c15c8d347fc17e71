package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventJson;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are retried without end (infrastructure) and which may reach the dead-letter topic (the record). */
class TransientErrorTest {

    @Test
    void aDatabaseOutageIsTransientWhereverItIsWrapped() {
        assertThat(ProjectionConfiguration.isTransient(new ListenerExecutionFailedException("listener",
                new CannotCreateTransactionException("no connection")))).isTrue();
        assertThat(ProjectionConfiguration.isTransient(new DataAccessResourceFailureException("down"))).isTrue();
        assertThat(ProjectionConfiguration.isTransient(new RuntimeException(new java.net.ConnectException("refused")))).isTrue();
    }

    @Test
    void aBadRecordIsNotTransient() {
        assertThat(ProjectionConfiguration.isTransient(new ListenerExecutionFailedException("listener",
                new EventJson.MalformedEventException("unknown event type")))).isFalse();
        assertThat(ProjectionConfiguration.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
