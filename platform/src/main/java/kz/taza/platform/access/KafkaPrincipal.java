package kz.taza.platform.access;

import java.util.List;

import org.apache.kafka.common.acl.AclBinding;

/**
 * A Kafka principal Taza knows, with the ACLs that are all it may do: a service, the simulator, the launcher, a
 * subscribing agency. Its SCRAM user name is {@link #name()}; its Kafka principal {@code User:<name>}.
 *
 * @param name    the SCRAM user name
 * @param kind    what the principal is, for the credentials a launcher prints ({@code service}, {@code agency}, ...)
 * @param acls    every ACL the principal has (the authorizer denies the rest)
 */
public record KafkaPrincipal(String name, String kind, List<AclBinding> acls) {

    public KafkaPrincipal {
        if (name == null || name.isBlank() || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("a Kafka principal name is lower-case letters, digits and '-': " + name);
        }
        acls = List.copyOf(acls);
    }

    /** The principal as the authorizer names it. */
    public String principal() {
        return "User:" + name;
    }
}
