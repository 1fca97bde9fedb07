package kz.taza.platform.errors;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The keys a global table filled by {@link Inputs#globalTable} changes, for a reader that keeps something derived from
 * the store's values (the values decoded, for instance), so that nothing derived outlives the value it came from. Each
 * listener is told a key after the store's value of it was written or deleted, on the global thread, both live and
 * while the store is restored at start-up; a quarantined record changes nothing and tells nothing. Listeners are added
 * while the topology is built, before it runs.
 */
public final class GlobalStoreChanges {

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    GlobalStoreChanges() {
    }

    /** Tells {@code listener} every key the store changes from now on. */
    public GlobalStoreChanges onChange(Consumer<String> listener) {
        listeners.add(listener);
        return this;
    }

    /** The store's value of {@code key} has been written or deleted. */
    void changed(String key) {
        for (Consumer<String> listener : listeners) {
            listener.accept(key);
        }
    }
}
