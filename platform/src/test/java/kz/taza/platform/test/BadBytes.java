package kz.taza.platform.test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import kz.taza.schemas.codec.SingleObjectEncoding;

/**
 * The bad records every input route must quarantine, made from a good record's bytes: bytes that are no message at
 * all, the good message cut short, and the good message naming a writer schema nobody has published.
 */
public final class BadBytes {

    /** A fingerprint no schema has (checked against nothing: the odds of a clash are 2^-64). */
    public static final long UNKNOWN_FINGERPRINT = 0x0badf00ddeadbeefL;

    private BadBytes() {
    }

    /** Seven bytes of garbage, as a user with a console producer sends them. */
    public static byte[] garbage() {
        return new byte[] {0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65};
    }

    /** The first half of a good record. */
    public static byte[] truncated(byte[] good) {
        return Arrays.copyOf(good, Math.max(1, good.length / 2));
    }

    /** A good Avro message whose header names a writer schema no catalogue or schema topic knows. */
    public static byte[] unknownFingerprint(byte[] good) {
        byte[] bytes = good.clone();
        byte[] header = SingleObjectEncoding.header(UNKNOWN_FINGERPRINT);
        if (bytes.length < header.length) {
            bytes = Arrays.copyOf(header, header.length + bytes.length);
        }
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    /** The three, by name, in the order a test sends them. */
    public static Map<String, byte[]> all(byte[] good) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("garbage", garbage());
        all.put("truncated", truncated(good));
        all.put("unknown fingerprint", unknownFingerprint(good));
        return all;
    }
}
