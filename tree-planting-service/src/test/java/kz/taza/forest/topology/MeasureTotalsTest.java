package kz.taza.forest.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The totals' encoding: version 2 read back exactly, version 1 (doubles) read in millionths, anything else refused. */
class MeasureTotalsTest {

    private final Serde<MeasureTotals> serde = MeasureTotals.serde();

    @Test
    void totalsAreReadBackExactly() {
        MeasureTotals totals = new MeasureTotals(101_000_125_000L, 3_000_000L, 2, 1_710_442_800_000L);

        byte[] bytes = serde.serializer().serialize("t", totals);

        assertThat(bytes).hasSize(33);
        assertThat(bytes[0]).isEqualTo((byte) 0x82);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(totals);
    }

    @Test
    void totalsOfVersionOneAreReadWithTheirAmountsInMillionths() {
        byte[] versionOne = ByteBuffer.allocate(32).putDouble(0.1 + 0.2).putDouble(40_000_000.0).putLong(2)
                .putLong(1_710_442_800_000L).array();

        assertThat(serde.deserializer().deserialize("t", versionOne))
                .isEqualTo(new MeasureTotals(300_000L, 40_000_000_000_000L, 2, 1_710_442_800_000L));
    }

    @Test
    void anEncodingOfAnotherLengthOrVersionIsRefused() {
        byte[] bytes = serde.serializer().serialize("t", MeasureTotals.NONE);
        bytes[0] = (byte) 0x83;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("0x83");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[31]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not 31");
    }

    @Test
    void aSumThatOverflowsIsRefused() {
        MeasureTotals huge = new MeasureTotals(Long.MAX_VALUE - 1, 0, 1, 0);
        assertThatThrownBy(() -> huge.plus(new MeasureTotals(2, 0, 1, 0))).isInstanceOf(ArithmeticException.class);
    }
}
