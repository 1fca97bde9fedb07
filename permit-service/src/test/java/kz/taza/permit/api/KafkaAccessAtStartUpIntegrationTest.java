package kz.taza.permit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.permit.PermitServiceApplication;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.test.ServiceSuite;
import kz.taza.platform.test.SharedBrokerInitializer;
import kz.taza.platform.test.SharedKafkaBroker;

/**
 * The whole service on the secured shared broker, started with a Kafka login that cannot work: it does not start,
 * and the error says which principal, which resource and which operation (never the password), at once rather than
 * after a timeout.
 */
class KafkaAccessAtStartUpIntegrationTest {

    private final ServiceSuite service = new ServiceSuite();

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void givenAWrongPasswordTheServiceDoesNotStartAndNamesItsPrincipal() {
        KafkaLogin wrong = KafkaLogin.plaintext("permit-service", BrokerSecurity.password());

        assertThatThrownBy(() -> service.start("permit-service-wrong-password", PermitServiceApplication.class,
                Map.of("spring.kafka.properties.sasl.jaas.config", wrong.jaasConfig())))
                .satisfies(error -> assertThat(messages(error)).anySatisfy(message -> assertThat(message)
                        .contains("Kafka refused the login of User:permit-service", "wrong password or unknown user",
                                "declaring the service's topics at start-up")))
                .satisfies(error -> assertThat(messages(error)).noneMatch(m -> m.contains(wrong.password())));
    }

    @Test
    void givenAPrincipalWithoutTheServicesAclsTheServiceDoesNotStartAndNamesPrincipalTopicAndOperation() {
        // The agency reads public topics only: it may not even describe the service's internal or command topics.
        assertThatThrownBy(() -> service.start("permit-service-as-agency", PermitServiceApplication.class,
                Map.of(SharedBrokerInitializer.PRINCIPAL, TazaPrincipals.AGENCY)))
                .satisfies(error -> assertThat(messages(error)).anySatisfy(message -> assertThat(message)
                        .contains("User:" + TazaPrincipals.AGENCY + " is not authorized to DESCRIBE topics ",
                                " more while declaring the service's topics at start-up")))
                .satisfies(error -> assertThat(messages(error)).noneMatch(m -> m.contains(
                        SharedKafkaBroker.get().login(TazaPrincipals.AGENCY).password())));
    }

    private static List<String> messages(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }
}
