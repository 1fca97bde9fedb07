package kz.taza.platform;

import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import kz.taza.platform.access.KafkaPrincipal;
import kz.taza.platform.access.KafkaPrincipals;

/**
 * The principal of the platform's own test applications, which run fixture topologies on topics of many made-up
 * domains: it logs in with SASL like any service and passes the authorizer, with every right on topics, groups and
 * transactional ids (no cluster rights). The services' tests run with the access model's least privilege instead.
 * Registered for the platform's own tests only (this module's test-jar does not carry it).
 */
public final class PlatformTestPrincipals implements KafkaPrincipals {

    public static final String NAME = "platform-test";

    @Override
    public List<KafkaPrincipal> principals() {
        String user = "User:" + NAME;
        List<AclBinding> acls = List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID).stream()
                .map(type -> new AclBinding(new ResourcePattern(type, "*", PatternType.LITERAL),
                        new AccessControlEntry(user, "*", AclOperation.ALL, AclPermissionType.ALLOW)))
                .toList();
        return List.of(new KafkaPrincipal(NAME, "test", acls));
    }
}
