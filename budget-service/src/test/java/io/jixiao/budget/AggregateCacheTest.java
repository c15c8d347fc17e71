package io.jixiao.budget;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
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
    void holdsNoMoreThanItsMaximum() {
        AggregateCache cache = new AggregateCache(3);
        for (int i = 0; i < 50; i++) {
            cache.put("P-" + i, new byte[16]);
            // what was just put is there
            assertThat(cache.containsKey("P-" + i)).isTrue();
        }
        long kept = java.util.stream.IntStream.range(0, 50).filter(i -> cache.containsKey("P-" + i)).count();
        assertThat(kept).isLessThanOrEqualTo(3);
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
