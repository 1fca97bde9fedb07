package kz.taza.emission.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The state serdes' writer writes exactly what DataOutputStream writes, so DataInputStream reads it back. */
class BinaryOutTest {

    @Test
    void numbersAndTextAreTheBytesDataOutputStreamWrites() throws IOException {
        String[] texts = {"", "KZ-55-0001|STACK-1", "Kazakhstan: Қазақстан", "nul \u0000 and € and 𝄞"};
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(expected)) {
            data.writeByte(200);
            data.writeBoolean(true);
            data.writeShort(65_000);
            data.writeInt(-7);
            data.writeLong(Long.MIN_VALUE + 3);
            data.writeDouble(-0.05);
            for (String text : texts) {
                data.writeUTF(text);
            }
        }

        BinaryOut out = BinaryOut.reset();
        out.writeByte(200);
        out.writeBoolean(true);
        out.writeShort(65_000);
        out.writeInt(-7);
        out.writeLong(Long.MIN_VALUE + 3);
        out.writeDouble(-0.05);
        for (String text : texts) {
            out.writeUTF(text);
        }

        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void aWriterGrowsPastItsBufferAndStartsEmptyForTheNextValue() {
        BinaryOut out = BinaryOut.reset();
        for (int i = 0; i < 1_000; i++) {
            out.writeLong(i);
        }
        assertThat(out.toByteArray()).hasSize(8_000);

        BinaryOut next = BinaryOut.reset();
        next.writeInt(1);
        assertThat(next.toByteArray()).containsExactly(0, 0, 0, 1);
    }
}
