package kz.taza.schemas.codec;

import java.util.Optional;

import org.apache.avro.Schema;

/**
 * Knows writer schemas by the fingerprint a message carries. The shipped {@link SchemaCatalogue} is one; a runtime
 * adds others with {@link RuntimeSchemas} (Taza's platform adds the compacted schema topic every producer publishes
 * its writer schemas to), so that a reader built before a schema version existed still decodes messages written with
 * it. Implementations are thread-safe; a lookup may wait a bounded time for a source to catch up.
 */
@FunctionalInterface
public interface WriterSchemaSource {

    /** The writer schema with this fingerprint, if this source knows it. */
    Optional<Schema> find(long fingerprint);
}
