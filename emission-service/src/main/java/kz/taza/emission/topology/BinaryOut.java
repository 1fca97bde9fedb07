package kz.taza.emission.topology;

import java.util.Arrays;

/**
 * Where {@link BinarySerde} writes a value: the same bytes as {@link java.io.DataOutputStream} writes (big-endian
 * numbers, modified UTF-8 with a two-byte length), so {@link java.io.DataInputStream} reads them back, but into one
 * array that grows rarely and is reused by the thread for its next value. A source record is written on every reading;
 * a stream per value, growing from a small buffer and copying it out, cost more than the rest of the write.
 */
final class BinaryOut {

    private static final ThreadLocal<BinaryOut> PER_THREAD = ThreadLocal.withInitial(BinaryOut::new);

    private byte[] bytes = new byte[1024];
    private int size;

    private BinaryOut() {
    }

    /** This thread's writer, emptied. */
    static BinaryOut reset() {
        BinaryOut out = PER_THREAD.get();
        out.size = 0;
        return out;
    }

    /** What was written, as an array of its own. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void writeByte(int value) {
        room(1);
        bytes[size++] = (byte) value;
    }

    void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    void writeShort(int value) {
        room(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void writeInt(int value) {
        room(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void writeLong(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
    }

    void writeDouble(double value) {
        writeLong(Double.doubleToLongBits(value));
    }

    /** Modified UTF-8 with a two-byte length, as {@link java.io.DataOutputStream#writeUTF} writes it. */
    void writeUTF(String text) {
        int length = text.length();
        int encoded = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            encoded += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        if (encoded > 65_535) {
            throw new IllegalArgumentException("a string of " + encoded + " bytes is too long to write");
        }
        room(2 + encoded);
        bytes[size++] = (byte) (encoded >>> 8);
        bytes[size++] = (byte) encoded;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                bytes[size++] = (byte) c;
            } else if (c <= 0x07FF) {
                bytes[size++] = (byte) (0xC0 | (c >> 6) & 0x1F);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            } else {
                bytes[size++] = (byte) (0xE0 | (c >> 12) & 0x0F);
                bytes[size++] = (byte) (0x80 | (c >> 6) & 0x3F);
                bytes[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
