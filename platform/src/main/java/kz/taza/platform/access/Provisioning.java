package kz.taza.platform.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Gives principals of the access model their SCRAM credentials and their ACLs on a broker, as its administrator
 * ({@value BrokerSecurity#ADMIN}); waits until the broker knows both, so that the principal can log in and act at once.
 */
public final class Provisioning {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Provisioning() {
    }

    /** Sets each principal's password (SCRAM-SHA-512, 8192 iterations) and adds its ACLs. */
    public static void provision(Admin admin, Map<KafkaPrincipal, String> passwords) {
        try {
            List<UserScramCredentialAlteration> credentials = new ArrayList<>();
            List<AclBinding> acls = new ArrayList<>();
            passwords.forEach((principal, password) -> {
                credentials.add(new UserScramCredentialUpsertion(principal.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password));
                acls.addAll(principal.acls());
            });
            if (!credentials.isEmpty()) {
                admin.alterUserScramCredentials(credentials).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            if (!acls.isEmpty()) {
                admin.createAcls(acls).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            awaitVisible(admin, passwords.keySet());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not give the principals " + names(passwords)
                    + " their credentials and ACLs: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not take the credentials and ACLs of " + names(passwords)
                    + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning " + names(passwords), e);
        }
    }

    /** Waits until the broker shows each principal's credential and every ACL of its own (not just as many ACLs). */
    private static void awaitVisible(Admin admin, java.util.Collection<KafkaPrincipal> principals)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> users = principals.stream().map(KafkaPrincipal::name).toList();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            boolean visible = users.isEmpty() || admin.describeUserScramCredentials(users).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size() == users.size();
            for (KafkaPrincipal principal : principals) {
                if (!visible) {
                    break;
                }
                AclBindingFilter own = new AclBindingFilter(org.apache.kafka.common.resource.ResourcePatternFilter.ANY,
                        new org.apache.kafka.common.acl.AccessControlEntryFilter(principal.principal(), null,
                                org.apache.kafka.common.acl.AclOperation.ANY,
                                org.apache.kafka.common.acl.AclPermissionType.ANY));
                visible = admin.describeAcls(own).values().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .containsAll(principal.acls());
            }
            if (visible) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("credentials or ACLs not visible");
            }
            Thread.sleep(20); // a poll interval while the metadata reaches the broker
        }
    }

    private static List<String> names(Map<KafkaPrincipal, String> passwords) {
        return passwords.keySet().stream().map(KafkaPrincipal::name).sorted().toList();
    }
}
