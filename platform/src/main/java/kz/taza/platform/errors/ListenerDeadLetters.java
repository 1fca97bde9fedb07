package kz.taza.platform.errors;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.FixedBackOff;

import kz.taza.platform.errors.RejectedRecordHeaders.Stage;

/**
 * The listener side of error routing. Taza's {@code @KafkaListener}s consume values as raw bytes and decode them
 * with the topic's serde inside the listener ({@link kz.taza.platform.topic.Topic#value}), so that whatever fails
 * (decoding or processing) the original bytes are at hand. A failure is retried twice (transient problems), a record
 * that cannot be decoded is not retried; then the record goes to its topic's dead-letter topic and the listener moves
 * on to the next one.
 */
public final class ListenerDeadLetters {

    private ListenerDeadLetters() {
    }

    /** The error handler Spring Boot installs on every listener container of the service. */
    public static DefaultErrorHandler errorHandler(DeadLetterPublisher publisher) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer(publisher), new FixedBackOff(200, 2));
        handler.addNotRetryableExceptions(SerializationException.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    static ConsumerRecordRecoverer recoverer(DeadLetterPublisher publisher) {
        return (record, exception) -> {
            Throwable cause = unwrap(exception);
            Stage stage = cause instanceof SerializationException ? Stage.DESERIALIZATION : Stage.PROCESSING;
            publisher.publish(record.topic(), record.partition(), record.offset(), bytes(record, record.key()),
                    bytes(record, record.value()), record.headers(), stage, cause);
        };
    }

    private static Throwable unwrap(Exception exception) {
        Throwable cause = exception;
        while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static byte[] bytes(ConsumerRecord<?, ?> record, Object part) {
        if (part == null || part instanceof byte[]) {
            return (byte[]) part;
        }
        if (part instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("listener of " + record.topic() + " consumed decoded values ("
                + part.getClass().getName() + "); Taza listeners consume raw bytes so rejects keep them");
    }
}
