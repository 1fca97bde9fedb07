package kz.taza.schemas.codec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.Schema;

/**
 * The writer schemas this JVM learns while it runs, beyond the ones it ships: every {@link AvroCodec} asks the
 * registered {@linkplain WriterSchemaSource sources} for a fingerprint its catalogue does not know, before it calls the
 * message's schema unknown. So a consumer built with an older schema decodes a newer producer's messages during a
 * rolling upgrade, into its own reader schema by Avro schema resolution, wherever the codec is used: stream sources,
 * tables, global stores, state stores, plain consumers.
 *
 * <p>What a JVM can read is a fact of the JVM (as {@link AvroTrust} is), hence one registry for it; a source is
 * registered for as long as its owner runs and removed when the returned registration is closed. Sources are asked
 * only for fingerprints no shipped catalogue knows, so the registry costs nothing on the hot path. Thread-safe.
 */
public final class RuntimeSchemas {

    private static final List<WriterSchemaSource> SOURCES = new CopyOnWriteArrayList<>();

    private RuntimeSchemas() {
    }

    /** Adds a source until the registration is closed. */
    public static Registration register(WriterSchemaSource source) {
        Objects.requireNonNull(source, "source");
        SOURCES.add(source);
        return () -> SOURCES.remove(source);
    }

    /** The writer schema with this fingerprint from the first registered source that knows it. */
    public static Optional<Schema> find(long fingerprint) {
        for (WriterSchemaSource source : SOURCES) {
            Optional<Schema> found = source.find(fingerprint);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** A registered source; closing it removes the source. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
