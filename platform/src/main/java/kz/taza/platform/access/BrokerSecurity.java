package kz.taza.platform.access;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The security of a single-node KRaft broker that Taza starts itself (the tests' in-process broker and the local
 * stack's): clients on the listener {@code CLIENTS} log in with SASL {@value #MECHANISM} (over TLS when the broker
 * has a key store), the controller listener takes SASL PLAIN from the node itself only, and the
 * {@code StandardAuthorizer} denies whatever no ACL allows ({@code allow.everyone.if.no.acl.found=false}). The super
 * users are the node's own two principals and {@value #ADMIN}, which declares the other principals and their ACLs.
 *
 * <p>SCRAM credentials are written into the metadata when the storage is formatted ({@link #scramArguments}), so that
 * the first client can log in; others are added later by {@value #ADMIN}.
 */
public final class BrokerSecurity {

    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The principal that administers the broker: creates the principals, their credentials and their ACLs. */
    public static final String ADMIN = "taza-admin";
    /** The broker's own principal on the client listener (inter-broker). */
    public static final String BROKER = "taza-broker";
    /** The node's principal on the controller listener (SASL PLAIN: SCRAM is not available to the controller). */
    public static final String CONTROLLER = "taza-controller";
    public static final String CLIENT_LISTENER = "CLIENTS";
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    /** The broker's key store, for SASL_SSL on the client listener. */
    public record KeyStore(java.nio.file.Path location, String password) {

        @Override
        public String toString() {
            return "KeyStore[" + location + "]";
        }
    }

    /** The passwords of the node's own principals and of the administrator. */
    public record Secrets(String admin, String broker, String controller) {

        public static Secrets random() {
            return new Secrets(password(), password(), password());
        }

        public KafkaLogin adminLogin() {
            return KafkaLogin.plaintext(ADMIN, admin);
        }

        @Override
        public String toString() {
            return "Secrets[hidden]";
        }
    }

    private BrokerSecurity() {
    }

    /** A new random password (24 letters and digits, about 140 bits). */
    public static String password() {
        char[] chars = new char[24];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    /**
     * The broker settings for the listeners, SASL and the authorizer (the caller adds roles, node id, directories and
     * the rest).
     */
    public static Map<String, String> serverProperties(String host, int port, int controllerPort, Secrets secrets,
            Optional<KeyStore> tls) {
        String clientProtocol = tls.isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT";
        String clients = CLIENT_LISTENER.toLowerCase(java.util.Locale.ROOT);
        String controller = CONTROLLER_LISTENER.toLowerCase(java.util.Locale.ROOT);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("listeners", CLIENT_LISTENER + "://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host
                + ":" + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + port);
        props.put("listener.security.protocol.map",
                CLIENT_LISTENER + ":" + clientProtocol + "," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("sasl.enabled.mechanisms", MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        props.put("listener.name." + clients + ".scram-sha-512.sasl.jaas.config",
                KafkaLogin.plaintext(BROKER, secrets.broker()).jaasConfig());
        props.put("listener.name." + controller + ".sasl.enabled.mechanisms", "PLAIN");
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name." + controller + ".plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER
                        + "\" password=\"" + secrets.controller() + "\" user_" + CONTROLLER + "=\""
                        + secrets.controller() + "\";");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("allow.everyone.if.no.acl.found", "false");
        props.put("super.users", "User:" + ADMIN + ";User:" + BROKER + ";User:" + CONTROLLER);
        tls.ifPresent(store -> {
            props.put("listener.name." + clients + ".ssl.keystore.type", "PKCS12");
            props.put("listener.name." + clients + ".ssl.keystore.location", store.location().toAbsolutePath().toString());
            props.put("listener.name." + clients + ".ssl.keystore.password", store.password());
            props.put("listener.name." + clients + ".ssl.key.password", store.password());
            // The broker talks to itself on this listener too: it trusts its own certificate.
            props.put("listener.name." + clients + ".ssl.truststore.type", "PKCS12");
            props.put("listener.name." + clients + ".ssl.truststore.location",
                    store.location().toAbsolutePath().toString());
            props.put("listener.name." + clients + ".ssl.truststore.password", store.password());
        });
        return props;
    }

    /**
     * The arguments of {@code kafka-storage format} that write the SCRAM credentials of the node's broker principal,
     * the administrator and the given users into the new cluster's metadata.
     */
    public static List<String> scramArguments(Secrets secrets, Map<String, String> users) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(ADMIN, secrets.admin());
        all.put(BROKER, secrets.broker());
        all.putAll(users);
        List<String> args = new ArrayList<>();
        all.forEach((user, password) -> {
            args.add("--add-scram");
            args.add(MECHANISM + "=[name=" + user + ",password=" + password + "]");
        });
        return args;
    }
}
