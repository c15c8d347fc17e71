package io.jixiao.budget;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate cache on Caffeine, bounded by the number of events the cached aggregates were built from: an
 * aggregate's memory grows with its events (a project-year keeps every payment it accepted, to tell a duplicate
 * from a conflict), so that bound is a bound on memory. Caffeine picks which aggregates leave, by recency and frequency.
 *
 * <p>Measured alternatives (bench/README.md): Axon's {@code WeakReferenceCache} is emptied by every young collection,
 * so under load nearly every payment replayed its project-year's whole history; a cache bounded by count ran out of
 * heap with a few project-years of tens of thousands of payments; soft references kept the old generation full, a
 * full collection of about 275 ms every few seconds.
 */
final class AggregateCache implements Cache {

    /**
     * The version (last event sequence) Axon keeps in each {@link AggregateCacheEntry}; Axon offers no accessor, so
     * it is read by a handle, checked when the cache is created so an Axon upgrade that changes it fails at once.
     */
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("Axon's AggregateCacheEntry has no version field any more: " + e);
        }
    }

    /** The last stored sequence number of an aggregate's events; empty when it has none. */
    @FunctionalInterface
    interface StoredVersions {
        OptionalLong lastSequence(String aggregateIdentifier);
    }

    private final ConcurrentMap<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    /** Null: every entry is taken as current (one process appends). */
    private final StoredVersions stored;

    /** @param maximumEvents the most events the cached aggregates may have been built from, together */
    AggregateCache(long maximumEvents) {
        this(maximumEvents, null);
    }

    /**
     * @param stored where an entry is checked against the event store before it is used: another instance of the
     *               service may have appended to the aggregate since this one cached it. A stale entry is dropped,
     *               and Axon loads the aggregate from the store. Without it, a command refused on stale state (a
     *               year not open, a budget since increased) would be refused wrongly: a refusal appends nothing,
     *               so the event store's unique key never catches it.
     */
    AggregateCache(long maximumEvents, StoredVersions stored) {
        this.stored = stored;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maximumEvents)
                .weigher((Object key, Object value) -> weight(value))
                // evictions happen on the thread that puts, so the bound holds at once (and no pool thread is needed)
                .executor(Runnable::run)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        notify(listener -> listener.onEntryExpired(key));
                    }
                })
                .build()
                .asMap();
    }

    private static boolean current(AggregateCacheEntry<?> entry, OptionalLong stored) {
        Long version = (Long) VERSION.get(entry);
        return stored.isEmpty() || (version != null && version >= stored.getAsLong());
    }

    /** Events an entry was built from (at least 1); entries other than aggregates weigh 1. */
    static int weight(Object value) {
        if (value instanceof AggregateCacheEntry<?> entry) {
            Long version = (Long) VERSION.get(entry);
            return version == null ? 1 : (int) Math.min(Integer.MAX_VALUE, version + 1);
        }
        return 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        V value = (V) entries.get(key);
        if (value instanceof AggregateCacheEntry<?> entry && stored != null && key instanceof String id
                && !current(entry, stored.lastSequence(id))) {
            remove(key);
            return null;
        }
        if (value != null) {
            notify(listener -> listener.onEntryRead(key, value));
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        Object previous = entries.put(key, value);
        notify(previous == null ? listener -> listener.onEntryCreated(key, value)
                : listener -> listener.onEntryUpdated(key, value));
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added = entries.putIfAbsent(key, value) == null;
        if (added) {
            notify(listener -> listener.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            notify(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void notify(Consumer<EntryListener> event) {
        listeners.forEach(event);
    }
}
