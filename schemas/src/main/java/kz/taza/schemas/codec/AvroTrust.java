package kz.taza.schemas.codec;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate classes it has not been told to trust ("Forbidden ... This class is not
 * trusted"), generated ones included. The codec trusts exactly the Avro-generated types (records, enums, fixed),
 * once per JVM, on top of whatever is trusted already (e.g. {@code org.apache.avro.SERIALIZABLE_PACKAGES});
 * nothing else is widened.
 */
public final class AvroTrust {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private AvroTrust() {
    }

    /**
     * Trusts the generated classes, once per JVM. The codec and catalogue call it themselves; call it before using
     * other Avro APIs on generated classes (e.g. {@code KpiValue.getDecoder()}).
     */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(
                    ClassSecurityValidator.composite(current, AvroTrust::isGenerated));
        }
    }

    /** True for classes Avro generated: records, enums, fixed. */
    public static boolean isGenerated(Class<?> type) {
        return SpecificRecord.class.isAssignableFrom(type)
                || SpecificFixed.class.isAssignableFrom(type)
                || (type.isEnum() && GenericEnumSymbol.class.isAssignableFrom(type));
    }
}
