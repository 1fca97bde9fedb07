/**
 * The event codec: Avro single-object encoding over generated {@code SpecificRecord} classes, with writer schemas
 * resolved by fingerprint from the {@link kz.taza.schemas.codec.SchemaCatalogue} instead of a registry server.
 *
 * <p>Services depend on {@link kz.taza.schemas.codec.EventCodec} and the Kafka serdes of
 * {@link kz.taza.schemas.codec.AvroSerdes}; nothing here imports Spring.
 */
package kz.taza.schemas.codec;
