package kz.taza.architecture;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Finds topic names written as strings in compiled classes. ArchUnit models dependencies, not string values, so this
 * reads each imported class's own class file and looks at every UTF-8 entry of its constant pool. That is where the
 * compiler puts every string literal, every compile-time constant (also one folded from {@code "a." + "b.v1"}) and
 * every string value of an annotation ({@code @KafkaListener(topics = ...)}); comments and Javadoc are not there, so
 * prose that explains a topic is not flagged, as a scan of the sources would flag it. The other entries (class,
 * method and field names, descriptors) never look like a topic name: the JVM writes class names with slashes.
 *
 * <p>A string is flagged when it <em>is</em> a topic name, {@code <domain>.<name>.v<N>} (what {@code Topic} accepts),
 * which is what a client would subscribe to or write to. A sentence for a person that mentions a topic ("cannot read
 * kpi.values.v1") is not: error messages and command-line help name topics to the reader, and a picocli help text must
 * be a constant. A name built at run time from pieces ({@code domain + ".v" + n}) escapes this check, as it would
 * escape any other; {@code Topic.named} is only called from the catalogues
 * ({@link LayeringRules#topicsAreNamedOnlyInCatalogues}).
 */
final class TopicNameLiterals {

    /** {@code <domain>.<name>[.<more>].v<N>}, the whole string. */
    static final Pattern TOPIC_NAME = Pattern.compile("[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+\\.v[0-9]+");

    private TopicNameLiterals() {
    }

    /**
     * A condition that reports each topic name a class holds, unless {@code allowed} accepts that class holding it.
     */
    static ArchCondition<JavaClass> holdNoTopicName(BiPredicate<JavaClass, String> allowed) {
        return new ArchCondition<>("hold no topic name in a string or annotation") {
            @Override
            public void check(JavaClass owner, ConditionEvents events) {
                for (String text : utf8Constants(owner)) {
                    String name = text.strip();
                    if (TOPIC_NAME.matcher(name).matches() && !allowed.test(owner, name)) {
                        events.add(SimpleConditionEvent.violated(owner,
                                "Class <" + owner.getName() + "> holds the topic name \"" + name + "\""));
                    }
                }
            }
        };
    }

    /** The UTF-8 entries of the constant pool of a class's own class file. */
    static List<String> utf8Constants(JavaClass owner) {
        URI uri = owner.getSource().map(Source::getUri)
                .orElseThrow(() -> new IllegalStateException("no class file for " + owner.getName()));
        try (InputStream in = uri.toURL().openStream()) {
            return utf8Constants(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        }
    }

    /** Reads the constant pool as the JVM specification lays it out (chapter 4.4) and keeps the UTF-8 entries. */
    static List<String> utf8Constants(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        List<String> texts = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> texts.add(in.readUTF()); // Utf8: length-prefixed modified UTF-8, as readUTF reads it
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort(); // Class, String, MethodType, Module, Package
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 15 -> { // MethodHandle: kind and reference
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 5, 6 -> { // Long and Double take two entries
                    in.readLong();
                    index++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + index);
            }
        }
        return texts;
    }
}
