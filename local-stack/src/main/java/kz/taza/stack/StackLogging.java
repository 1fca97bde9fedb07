package kz.taza.stack;

import java.nio.file.Path;

/**
 * Sends the launcher's own library logging (the Kafka clients of the KPI view and the broker check) to a file in the
 * run directory, so the terminal shows only the stack's progress and the KPIs. Must run before any Kafka class logs.
 */
final class StackLogging {

    private StackLogging() {
    }

    /** For a tool that prints its own results: only the clients' warnings, on standard error. */
    static void warningsOnly() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    static void toFile(Path file) {
        System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
    }
}
