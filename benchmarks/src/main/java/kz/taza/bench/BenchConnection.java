package kz.taza.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How every Kafka client of the benchmark connects, in one place: the bootstrap servers and any further client
 * settings (security: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}). The tool's own clients, the Streams
 * applications of its child processes, Kafka's performance tools and the emission service it starts all take their
 * connection from here: child processes get it as a client properties file ({@link #writeTo}, {@link #readFrom}),
 * which is also the form Kafka's tools read ({@code --producer.config}, {@code --consumer.config}).
 *
 * @param bootstrapServers host:port list
 * @param settings         further client settings, the same for every client
 */
public record BenchConnection(String bootstrapServers, Map<String, String> settings) {

    public BenchConnection {
        settings = Map.copyOf(settings);
    }

    public static BenchConnection plain(String bootstrapServers) {
        return new BenchConnection(bootstrapServers, Map.of());
    }

    /** The settings of a client (admin, producer, consumer or Streams application), to add its own to. */
    public Map<String, Object> client() {
        Map<String, Object> props = new HashMap<>(settings);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** Writes the connection as a Kafka client properties file. */
    public Path writeTo(Path file) {
        Properties props = new Properties();
        props.putAll(settings);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "Kafka client connection of the Taza benchmark");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Reads a connection written by {@link #writeTo}. */
    public static BenchConnection readFrom(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(name -> settings.put(name, props.getProperty(name)));
        String bootstrap = settings.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return new BenchConnection(bootstrap, settings);
    }
}
