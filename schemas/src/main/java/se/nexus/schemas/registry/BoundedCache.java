package se.nexus.schemas.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A small thread-safe LRU map, so that a producer seeing many schemas cannot grow memory without bound. */
final class BoundedCache<K, V> {

	private final Map<K, V> entries;

	BoundedCache(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("Cache capacity must be positive, was " + capacity);
		}
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
				return size() > capacity;
			}
		};
	}

	synchronized V get(K key) {
		return entries.get(key);
	}

	synchronized void put(K key, V value) {
		entries.put(key, value);
	}

	synchronized int size() {
		return entries.size();
	}

	/** Loads outside the lock: a registry call must not block readers of other keys. */
	V computeIfAbsent(K key, Function<K, V> loader) {
		V cached = get(key);
		if (cached != null) {
			return cached;
		}
		V loaded = loader.apply(key);
		put(key, loaded);
		return loaded;
	}
}
