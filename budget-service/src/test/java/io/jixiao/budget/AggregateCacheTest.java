package io.jixiao.budget;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateCacheTest {

    @Test
    void keepsWhatIsPutUntilRemoved() {
        AggregateCache cache = new AggregateCache(10);
        cache.put("A", "a1");
        assertThat(cache.<String, String>get("A")).isEqualTo("a1");
        assertThat(cache.putIfAbsent("A", "a2")).isFalse();
        assertThat(cache.putIfAbsent("B", "b1")).isTrue();
        cache.computeIfPresent("A", (String value) -> value + "+");
        assertThat(cache.<String, String>get("A")).isEqualTo("a1+");
        assertThat(cache.remove("A")).isTrue();
        assertThat(cache.remove("A")).isFalse();
        assertThat(cache.containsKey("A")).isFalse();
        assertThat(cache.containsKey("B")).isTrue();
        cache.removeAll();
        assertThat(cache.containsKey("B")).isFalse();
    }

    @Test
    void anAggregateWeighsTheEventsItWasBuiltFrom() {
        assertThat(AggregateCache.weight(entry(0))).isEqualTo(1);
        assertThat(AggregateCache.weight(entry(4_999))).isEqualTo(5_000);
        assertThat(AggregateCache.weight("not an aggregate")).isEqualTo(1);
    }

    @Test
    void holdsAggregatesOfNoMoreEventsThanItsMaximum() {
        AggregateCache cache = new AggregateCache(10_000);
        cache.put("A", entry(3_999));
        cache.put("B", entry(3_999));
        assertThat(List.of(cache.containsKey("A"), cache.containsKey("B"))).containsExactly(true, true);
        // 12,000 events: one of the three has to go (which one is Caffeine's choice, by recency and frequency)
        cache.put("C", entry(3_999));
        assertThat(List.of(cache.containsKey("A"), cache.containsKey("B"), cache.containsKey("C")))
                .containsExactlyInAnyOrder(true, true, false);
        // an aggregate heavier than the whole cache is not kept at all (it is replayed from the store instead)
        cache.put("HUGE", entry(20_000));
        assertThat(cache.containsKey("HUGE")).isFalse();
    }

    /**
     * Another instance appended to a cached aggregate: the entry is dropped at its next use, so Axon loads it from the
     * store; an entry as new as the store (or an aggregate the store does not know yet) is used as it is.
     */
    @Test
    void anEntryOlderThanTheStoreIsDroppedWhenUsed() {
        java.util.Map<String, Long> store = new java.util.HashMap<>(java.util.Map.of("A", 5L, "B", 7L));
        AggregateCache cache = new AggregateCache(10_000, id -> store.containsKey(id)
                ? java.util.OptionalLong.of(store.get(id)) : java.util.OptionalLong.empty());
        AggregateCacheEntry<Counter> a = entry(5);
        cache.put("A", a);
        cache.put("B", entry(5));
        cache.put("NEW", entry(0));

        assertThat(cache.<String, Object>get("A")).isSameAs(a);
        assertThat(cache.<String, Object>get("B")).as("the store is at 7, the entry at 5").isNull();
        assertThat(cache.containsKey("B")).isFalse();
        assertThat(cache.<String, Object>get("NEW")).isNotNull();
        store.put("A", 6L);
        assertThat(cache.<String, Object>get("A")).isNull();
    }

    /** Axon's cache entry of an aggregate whose last event has sequence number {@code lastSequence}. */
    private static AggregateCacheEntry<Counter> entry(long lastSequence) {
        return new AggregateCacheEntry<>(EventSourcedAggregate.reconstruct(new Counter(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Counter.class), lastSequence, false,
                SimpleEventBus.builder().build(), NoSnapshotTriggerDefinition.TRIGGER));
    }

    static class Counter {
        @AggregateIdentifier
        String id = "counter";
    }

    @Test
    void tellsListenersWhatHappened() {
        AggregateCache cache = new AggregateCache(10);
        List<String> seen = new ArrayList<>();
        Registration registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                seen.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                seen.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                seen.add("removed " + key);
            }
        });
        cache.put("A", 1);
        cache.put("A", 2);
        cache.remove("A");
        registration.cancel();
        cache.put("B", 1);
        assertThat(seen).containsExactly("created A", "updated A", "removed A");
    }
}
