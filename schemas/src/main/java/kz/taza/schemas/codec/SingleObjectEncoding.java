package kz.taza.schemas.codec;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The framing of Avro single-object encoding, exactly as the Avro specification defines it: the two marker bytes
 * {@code C3 01}, the writer schema's 8-byte CRC-64-AVRO fingerprint of its Parsing Canonical Form in little-endian
 * order, then the Avro binary encoding of the datum.
 */
public final class SingleObjectEncoding {

    /** First marker byte. */
    public static final byte MARKER_0 = (byte) 0xC3;
    /** Second marker byte (format version 1). */
    public static final byte MARKER_1 = (byte) 0x01;
    /** Length of the header: marker and fingerprint. */
    public static final int HEADER_LENGTH = 10;

    private SingleObjectEncoding() {
    }

    /** CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The 10-byte header that precedes a datum written with the given writer schema. */
    public static byte[] header(Schema writerSchema) {
        return header(fingerprint(writerSchema));
    }

    /** The 10-byte header for a writer schema with the given fingerprint. */
    public static byte[] header(long fingerprint) {
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = MARKER_0;
        header[1] = MARKER_1;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    /** True if the message starts with the single-object marker (it may still be too short to hold a header). */
    public static boolean hasMarker(byte[] message) {
        return message != null && message.length >= 2 && message[0] == MARKER_0 && message[1] == MARKER_1;
    }

    /** Reads the little-endian fingerprint of a message whose header has been checked. */
    public static long readFingerprint(byte[] message) {
        long fingerprint = 0;
        for (int i = 7; i >= 0; i--) {
            fingerprint = (fingerprint << 8) | (message[2 + i] & 0xFFL);
        }
        return fingerprint;
    }

    /** The fingerprint as Avro tools and logs show it: 16 hex digits, most significant first. */
    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
