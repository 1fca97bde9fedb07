package kz.taza.schemas.codec;

import java.util.Arrays;

import org.apache.avro.specific.SpecificRecord;

/**
 * Kafka serdes for generated Avro classes in single-object encoding, resolving writer schemas through the
 * {@link SchemaCatalogue}.
 */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** Serde for a topic that carries one record type, over the shipped catalogue. */
    public static <T extends SpecificRecord> EventSerde<T> of(Class<T> type) {
        return new EventSerde<>(AvroCodec.forType(type));
    }

    /** Serde for a topic that carries one record type, over the given catalogue. */
    public static <T extends SpecificRecord> EventSerde<T> of(Class<T> type, SchemaCatalogue catalogue) {
        return new EventSerde<>(AvroCodec.forType(type, catalogue));
    }

    /**
     * Serde for a topic that carries several record types (e.g. permit.events.v1): each message decodes to
     * whichever of these types its fingerprint names; any other type is an {@link UnexpectedEventTypeException}.
     */
    @SafeVarargs
    public static EventSerde<SpecificRecord> anyOf(Class<? extends SpecificRecord>... types) {
        return new EventSerde<>(AvroCodec.forTypes(types));
    }

    /** As {@link #anyOf(Class[])}, over the given catalogue. */
    @SafeVarargs
    public static EventSerde<SpecificRecord> anyOf(SchemaCatalogue catalogue,
            Class<? extends SpecificRecord>... types) {
        return new EventSerde<>(AvroCodec.forTypes(catalogue, Arrays.asList(types)));
    }
}
