package io.jixiao.platform.axon;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Where the back-pressure reads the relay's position: the processor's own where this instance holds the relay's
 * segments, the one stored in {@code token_entry} where it does not (a second instance of the service). Before,
 * an instance without the claim saw the relay at the end of time and never held a write back.
 */
class RelayedPositionTest {

    @Test
    void theProcessorsPositionWhereThisInstanceHoldsTheClaim() {
        StreamingEventProcessor relay = mock(StreamingEventProcessor.class);
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getCurrentPosition()).thenReturn(OptionalLong.of(120));
        when(relay.processingStatus()).thenReturn(Map.of(0, status));

        assertThat(AxonSupportAutoConfiguration.relayedPosition(Optional.of(relay), () -> 80)).isEqualTo(120);
    }

    @Test
    void theStoredPositionWhereAnotherInstanceHoldsIt() {
        StreamingEventProcessor relay = mock(StreamingEventProcessor.class);
        when(relay.processingStatus()).thenReturn(Map.of());

        assertThat(AxonSupportAutoConfiguration.relayedPosition(Optional.of(relay), () -> 80)).isEqualTo(80);
        assertThat(AxonSupportAutoConfiguration.relayedPosition(Optional.empty(), () -> 80)).isEqualTo(80);
    }
}
