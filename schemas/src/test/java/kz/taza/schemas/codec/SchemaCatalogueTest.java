package kz.taza.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiValue;
import kz.taza.events.testfixture.Probe;

class SchemaCatalogueTest {

    @Test
    void resolvesEachVersionByItsFingerprint() throws IOException {
        Schema v1 = AvroCodecTest.probeV1();
        Schema v2 = Probe.getClassSchema();

        SchemaCatalogue catalogue = SchemaCatalogue.of(v1, v2);

        assertThat(catalogue.size()).isEqualTo(2);
        assertThat(catalogue.find(SingleObjectEncoding.fingerprint(v1))).containsSame(v1);
        assertThat(catalogue.require(SingleObjectEncoding.fingerprint(v2), null)).isSameAs(v2);
        assertThat(catalogue.versionsOf("kz.taza.events.testfixture.Probe")).containsExactlyInAnyOrder(v1, v2);
    }

    @Test
    void unknownFingerprintIsNamedInHex() {
        assertThatThrownBy(() -> SchemaCatalogue.of().require(0xfedcba9876543210L, "emission.reports.v1"))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("fedcba9876543210").hasMessageContaining("emission.reports.v1");
    }

    @Test
    void shippedCatalogueExcludesTestOnlySchemas() {
        assertThat(SchemaCatalogue.shipped().contains(SingleObjectEncoding.fingerprint(KpiValue.getClassSchema())))
                .isTrue();
        assertThat(SchemaCatalogue.shipped().contains(SingleObjectEncoding.fingerprint(Probe.getClassSchema())))
                .isFalse();
    }

    @Test
    void addingTheSameSchemaTwiceKeepsOneEntry() {
        SchemaCatalogue catalogue = SchemaCatalogue.of(KpiValue.getClassSchema());

        assertThat(catalogue.with(KpiValue.getClassSchema())).isSameAs(catalogue);
    }

    @Test
    void fingerprintIsLittleEndianInTheHeader() {
        byte[] header = SingleObjectEncoding.header(0x0102030405060708L);

        assertThat(header).containsExactly(0xC3, 0x01, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01);
        assertThat(SingleObjectEncoding.readFingerprint(header)).isEqualTo(0x0102030405060708L);
    }
}
