package kz.taza.platform.kafka;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Taza's own settings, each overridable from the environment ({@code TAZA_KAFKA_REPLICATION_FACTOR=3}, ...). Kafka
 * client settings (bootstrap servers, security, SSL) stay under Spring's {@code spring.kafka.*} so that every client
 * of every service takes them from one place.
 */
@ConfigurationProperties(prefix = "taza")
public class TazaProperties {

    private final Kafka kafka = new Kafka();
    private final Streams streams = new Streams();
    private final Http http = new Http();
    private final Commands commands = new Commands();
    private final Query query = new Query();
    /** Zone in which days, months and years of KPIs are cut: Kazakhstan time by default. */
    private ZoneId zone = ZoneOffset.ofHours(5);

    public Kafka getKafka() {
        return kafka;
    }

    public Http getHttp() {
        return http;
    }

    public Streams getStreams() {
        return streams;
    }

    public Commands getCommands() {
        return commands;
    }

    public Query getQuery() {
        return query;
    }

    public ZoneId getZone() {
        return zone;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    /** Topic declaration. */
    /** The REST APIs' limits. */
    public static class Http {
        /** The largest request body a handler gets; a larger one is answered 413 without being read whole. */
        private DataSize maxRequestSize = DataSize.ofMegabytes(1);

        public DataSize getMaxRequestSize() {
            return maxRequestSize;
        }

        public void setMaxRequestSize(DataSize maxRequestSize) {
            this.maxRequestSize = maxRequestSize;
        }
    }

    public static class Kafka {
        /** Replication factor of declared topics and of Streams internal topics. */
        private short replicationFactor = 1;
        /** Per-topic partition counts that override the catalogue, keyed by topic name. */
        private Map<String, Integer> topicPartitions = new LinkedHashMap<>();

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }

        public Map<String, Integer> getTopicPartitions() {
            return topicPartitions;
        }

        public void setTopicPartitions(Map<String, Integer> topicPartitions) {
            this.topicPartitions = topicPartitions;
        }
    }

    /** Kafka Streams settings that Spring's {@code spring.kafka.streams.*} does not cover. */
    public static class Streams {
        /**
         * Root of the RocksDB state; empty means a fresh temporary directory per process (state is then restored
         * from the changelogs on start). A StatefulSet points this at its volume.
         */
        private String stateDir;
        /** Standby replicas of each state store, for fast fail-over. */
        private int standbyReplicas = 0;
        /** Commit interval of the exactly-once transactions, in milliseconds. */
        private long commitIntervalMs = 100;
        /** host:port of this instance's HTTP server, for interactive-query forwarding between instances. */
        private String applicationServer;
        private final RocksDb rocksdb = new RocksDb();

        public String getStateDir() {
            return stateDir;
        }

        public void setStateDir(String stateDir) {
            this.stateDir = stateDir;
        }

        public int getStandbyReplicas() {
            return standbyReplicas;
        }

        public void setStandbyReplicas(int standbyReplicas) {
            this.standbyReplicas = standbyReplicas;
        }

        public long getCommitIntervalMs() {
            return commitIntervalMs;
        }

        public void setCommitIntervalMs(long commitIntervalMs) {
            this.commitIntervalMs = commitIntervalMs;
        }

        public String getApplicationServer() {
            return applicationServer;
        }

        public void setApplicationServer(String applicationServer) {
            this.applicationServer = applicationServer;
        }

        public RocksDb getRocksdb() {
            return rocksdb;
        }

        /**
         * The off-heap memory of the instance's RocksDB state stores, all together ({@link BoundedRocksDbMemory}).
         * The Helm charts set it from the container's memory limit.
         */
        public static class RocksDb {
            /**
             * Memory of all RocksDB state stores together: one block cache (data, index and filter blocks) against
             * which the memtables are charged.
             */
            private DataSize memory = DataSize.ofMegabytes(128);
            /** Share of that memory the memtables (write buffers) may take before RocksDB flushes them; 0 to 1. */
            private double writeBufferShare = 0.5;

            public DataSize getMemory() {
                return memory;
            }

            public void setMemory(DataSize memory) {
                this.memory = memory;
            }

            public double getWriteBufferShare() {
                return writeBufferShare;
            }

            public void setWriteBufferShare(double writeBufferShare) {
                this.writeBufferShare = writeBufferShare;
            }
        }
    }

    /** REST commands: how long a request waits for the command's result, and how results are remembered. */
    public static class Commands {
        /** How long a REST request waits for its command's result before answering 202 with a status URL. */
        private Duration waitForResult = Duration.ofSeconds(5);
        /** How long a REST request waits for the broker to take its command before answering 503. */
        private Duration sendTimeout = Duration.ofSeconds(10);
        /** How far back an instance reads results at start-up, so status URLs of recent commands still answer. */
        private Duration resultLookBack = Duration.ofMinutes(15);
        /** How many recent results each instance keeps for status URLs. */
        private int resultCacheSize = 50_000;

        public Duration getWaitForResult() {
            return waitForResult;
        }

        public void setWaitForResult(Duration waitForResult) {
            this.waitForResult = waitForResult;
        }

        public Duration getSendTimeout() {
            return sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

        public Duration getResultLookBack() {
            return resultLookBack;
        }

        public void setResultLookBack(Duration resultLookBack) {
            this.resultLookBack = resultLookBack;
        }

        public int getResultCacheSize() {
            return resultCacheSize;
        }

        public void setResultCacheSize(int resultCacheSize) {
            this.resultCacheSize = resultCacheSize;
        }
    }

    /**
     * Reads of state held by another instance (interactive queries): how long a forwarded read may take, how often it
     * is tried, and when a refused client should come back.
     */
    public static class Query {
        /** Time limit for connecting to the instance that owns the key. */
        private Duration connectTimeout = Duration.ofSeconds(1);
        /** Time limit for the owner's answer to one forwarded read. */
        private Duration readTimeout = Duration.ofSeconds(2);
        /** Attempts of one forwarded read (the owner may be restarting); 1 means no retry. */
        private int attempts = 2;
        /** Pause between attempts. */
        private Duration retryWait = Duration.ofMillis(100);
        /** Retry-After of a 503 answer (state not queryable yet, or the owner unreachable). */
        private Duration retryAfter = Duration.ofSeconds(2);

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public int getAttempts() {
            return attempts;
        }

        public void setAttempts(int attempts) {
            this.attempts = attempts;
        }

        public Duration getRetryWait() {
            return retryWait;
        }

        public void setRetryWait(Duration retryWait) {
            this.retryWait = retryWait;
        }

        public Duration getRetryAfter() {
            return retryAfter;
        }

        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }
    }
}
