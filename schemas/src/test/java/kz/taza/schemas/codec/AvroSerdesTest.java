package kz.taza.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.CommandResult;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.events.testfixture.Probe;
import kz.taza.schemas.SampleEvents;

class AvroSerdesTest {

    @Test
    void everySharedRecordSurvivesTheKafkaSerde() {
        assertRoundTrip(AvroSerdes.of(KpiValue.class), SampleEvents.top50EmissionsChange());
        assertRoundTrip(AvroSerdes.of(CommandResult.class), SampleEvents.rejectedCommand());
        assertRoundTrip(AvroSerdes.of(EventMetadata.class), SampleEvents.metadata());
        assertRoundTrip(AvroSerdes.of(KpiPeriod.class), SampleEvents.year2024());
        assertRoundTrip(AvroSerdes.of(FieldViolation.class), SampleEvents.violation());
    }

    @Test
    void serdeWithHeadersGivesTheSameResult() {
        Serde<KpiValue> serde = AvroSerdes.of(KpiValue.class);
        RecordHeaders headers = new RecordHeaders();

        byte[] bytes = serde.serializer().serialize("kpi.values.v1", headers, SampleEvents.top50EmissionsChange());

        assertThat(serde.deserializer().deserialize("kpi.values.v1", headers, bytes))
                .isEqualTo(SampleEvents.top50EmissionsChange());
    }

    @Test
    void tombstoneStaysATombstone() {
        Serde<KpiValue> serde = AvroSerdes.of(KpiValue.class);

        assertThat(serde.serializer().serialize("kpi.values.v1", null)).isNull();
        assertThat(serde.deserializer().deserialize("kpi.values.v1", null)).isNull();
    }

    @Test
    void anyOfSerdeDecodesEachMemberTypeToItsClass() {
        Serde<SpecificRecord> serde = AvroSerdes.anyOf(KpiValue.class, CommandResult.class, EventMetadata.class);

        for (SpecificRecord record : new SpecificRecord[] {
                SampleEvents.top50EmissionsChange(), SampleEvents.rejectedCommand(), SampleEvents.metadata()}) {
            byte[] bytes = serde.serializer().serialize("mixed.v1", record);
            assertThat(serde.deserializer().deserialize("mixed.v1", bytes))
                    .isInstanceOf(record.getClass()).isEqualTo(record);
        }
    }

    @Test
    void anyOfSerdeRejectsAKnownTypeThatIsNotAMember() {
        // given a FieldViolation: a published schema, but not one this topic carries
        Serde<SpecificRecord> serde = AvroSerdes.anyOf(KpiValue.class, CommandResult.class);
        byte[] violation = AvroSerdes.of(FieldViolation.class).serializer().serialize("t", SampleEvents.violation());

        // when it arrives, then the deserializer refuses it with an error a dead-letter handler understands
        assertThatThrownBy(() -> serde.deserializer().deserialize("mixed.v1", violation))
                .isInstanceOf(UnexpectedEventTypeException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("FieldViolation")
                .hasMessageContaining("kz.taza.events.common.CommandResult, kz.taza.events.common.KpiValue");
    }

    @Test
    void singleTypeSerdeRejectsAnotherPublishedType() {
        byte[] command = AvroSerdes.of(CommandResult.class).serializer().serialize("t", SampleEvents.rejectedCommand());

        assertThatThrownBy(() -> AvroSerdes.of(KpiValue.class).deserializer().deserialize("kpi.values.v1", command))
                .isInstanceOf(UnexpectedEventTypeException.class).hasMessageContaining("kpi.values.v1");
    }

    @Test
    void serdeOverAnExplicitCatalogueReadsOlderVersions() throws IOException {
        Schema v1 = AvroCodecTest.probeV1();
        GenericRecord old = new GenericData.Record(v1);
        old.put("probeId", "p");
        old.put("reading", 3.0);

        Probe probe = AvroSerdes.of(Probe.class, SchemaCatalogue.of(v1)).deserializer()
                .deserialize("probe.v1", AvroCodecTest.singleObject(v1, old));

        assertThat(probe.getNote()).isEqualTo("none");
    }

    @Test
    void deserializerErrorsNameTheTopic() {
        assertThatThrownBy(() -> AvroSerdes.of(KpiValue.class).deserializer()
                .deserialize("kpi.values.v1", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("kpi.values.v1")
                .satisfies(e -> assertThat(((MalformedEventException) e).topic()).isEqualTo("kpi.values.v1"));
    }

    private static <T> void assertRoundTrip(Serde<T> serde, T record) {
        byte[] bytes = serde.serializer().serialize("some.topic.v1", record);
        assertThat(bytes).isNotEmpty();
        assertThat(serde.deserializer().deserialize("some.topic.v1", bytes)).isEqualTo(record);
    }
}
