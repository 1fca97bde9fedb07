package kz.taza.platform.security;

import java.util.Optional;

import org.apache.kafka.common.serialization.Serde;

import kz.taza.events.common.ActingPrincipal;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The acting principal as it is recorded: an {@link ActingPrincipal} record in event metadata and audit entries, and
 * the same record, Avro-encoded, in a command's {@code taza.actor} header (only the service itself writes its command
 * topic, so the header is as trustworthy as the token the service checked).
 */
public final class ActorRecords {

    private static final Serde<ActingPrincipal> SERDE = AvroSerdes.of(ActingPrincipal.class);

    private ActorRecords() {
    }

    /** The record of an actor: roles sorted, as their claim values. */
    public static ActingPrincipal record(Actor actor) {
        return ActingPrincipal.newBuilder()
                .setSubject(actor.subject())
                .setClientId(actor.clientId())
                .setRoles(SecurityProblems.names(actor.roles()))
                .setOperatorBin(actor.operatorBin().orElse(null))
                .build();
    }

    /** The record of the current request's actor; empty outside an authenticated request. */
    public static Optional<ActingPrincipal> current() {
        return Actor.current().map(ActorRecords::record);
    }

    /** The header value of an actor. */
    public static byte[] encode(ActingPrincipal actor) {
        return SERDE.serializer().serialize(null, actor);
    }

    /** The actor a header value names; empty for no header. */
    public static Optional<ActingPrincipal> decode(byte[] header) {
        return header == null ? Optional.empty() : Optional.of(SERDE.deserializer().deserialize(null, header));
    }
}
