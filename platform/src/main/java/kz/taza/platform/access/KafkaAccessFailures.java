package kz.taza.platform.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * Turns a refused login or a missing ACL, wherever a client meets it, into an error that says which principal, which
 * resource and which operation, so that a service with a wrong Kafka login or too few ACLs stops at start-up with a
 * message an operator can act on (rather than waiting out a timeout, or failing with Kafka's bare "not authorized").
 *
 * <p>The principal is the SCRAM user name of the client's {@code sasl.jaas.config}; the password in it is never read
 * into a message. Kafka's own exception messages carry no secret (the broker says only that the credentials were
 * invalid), and are kept as the cause.
 */
public final class KafkaAccessFailures {

    private static final int NAMED_TOPICS = 8;
    private static final Pattern USER_NAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private KafkaAccessFailures() {
    }

    /**
     * The principal a client with these settings logs in as: {@code User:<name>} from its SASL login, or what it is
     * without one ({@code ANONYMOUS}, as the broker calls a client with no SASL).
     */
    public static String principal(Map<String, ?> clientConfig) {
        Object jaas = clientConfig.get(SaslConfigs.SASL_JAAS_CONFIG);
        String text = jaas instanceof Password password ? password.value() : jaas == null ? null : jaas.toString();
        if (text != null) {
            Matcher user = USER_NAME.matcher(text);
            if (user.find()) {
                return "User:" + user.group(1);
            }
            return "an unnamed SASL login";
        }
        Object protocol = clientConfig.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        return "User:ANONYMOUS (no SASL login, security.protocol="
                + (protocol == null ? CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL : protocol) + ")";
    }

    /**
     * The refused login or missing ACL in {@code failure}'s causes, as a named error; empty when the failure is of
     * another kind.
     *
     * @param clientConfig the settings of the client that failed (for the principal)
     * @param operation    the ACL operation the client needed ({@code WRITE}, {@code DESCRIBE or CREATE})
     * @param resources    the resources it acted on, named as the authorizer names them ({@code topic x},
     *                     {@code group g}), for the exceptions that do not name them
     * @param action       what the service was doing ({@code declaring its topics at start-up})
     */
    public static Optional<IllegalStateException> named(Throwable failure, Map<String, ?> clientConfig,
            String operation, Collection<String> resources, String action) {
        String principal = principal(clientConfig);
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SslAuthenticationException) {
                return Optional.of(new IllegalStateException("the TLS handshake of " + principal + " with "
                        + clientConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + " failed while " + action
                        + " (check the trust store holds the broker's certificate authority and the broker's "
                        + "certificate names the host): " + cause.getMessage(), cause));
            }
            if (cause instanceof AuthenticationException) {
                return Optional.of(new IllegalStateException("Kafka refused the login of " + principal + " at "
                        + clientConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + " while " + action
                        + ": wrong password or unknown user (check the service's Kafka credentials; the broker said: "
                        + cause.getMessage() + ")", cause));
            }
            if (cause instanceof AuthorizationException denied) {
                return Optional.of(new IllegalStateException(principal + " is not authorized to " + operation + " "
                        + resources(denied, resources) + " while " + action
                        + ": the broker has no ACL that allows it (the access model, kz.taza.platform.access."
                        + "KafkaAccess, gives each principal its ACLs)", cause));
            }
        }
        return Optional.empty();
    }

    /** True when the client has no SASL login: a secured broker closes its connections without an answer. */
    public static boolean anonymous(Map<String, ?> clientConfig) {
        return clientConfig.get(SaslConfigs.SASL_JAAS_CONFIG) == null;
    }

    /** {@link #named} when the failure is a refused login or a missing ACL, else the failure itself. */
    public static RuntimeException translate(RuntimeException failure, Map<String, ?> clientConfig, String operation,
            Collection<String> resources, String action) {
        return named(failure, clientConfig, operation, resources, action).map(RuntimeException.class::cast)
                .orElse(failure);
    }

    /** Topic names for a message, sorted: the first {@value #NAMED_TOPICS}, then how many more. */
    public static String topics(Collection<String> names) {
        List<String> sorted = names.stream().sorted().toList();
        String listed = String.join(", ", sorted.subList(0, Math.min(NAMED_TOPICS, sorted.size())));
        return (sorted.size() == 1 ? "topic " : "topics ") + listed
                + (sorted.size() > NAMED_TOPICS ? " and " + (sorted.size() - NAMED_TOPICS) + " more" : "");
    }

    /** The resource of a denial: what the exception names, else what the caller acted on. */
    private static String resources(AuthorizationException denied, Collection<String> resources) {
        if (denied instanceof TopicAuthorizationException topics && !topics.unauthorizedTopics().isEmpty()) {
            return topics(topics.unauthorizedTopics());
        }
        if (denied instanceof GroupAuthorizationException group && group.groupId() != null) {
            return "consumer group " + group.groupId();
        }
        if (denied instanceof ClusterAuthorizationException) {
            return "the cluster" + (resources.isEmpty() ? "" : " (for " + String.join(", ", resources) + ")");
        }
        String named = resources.isEmpty() ? "a resource" : String.join(", ", resources);
        if (denied instanceof TransactionalIdAuthorizationException && resources.isEmpty()) {
            return "its transactional id";
        }
        return named;
    }
}
