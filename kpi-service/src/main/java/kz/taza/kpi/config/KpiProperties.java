package kz.taza.kpi.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The KPI service's settings ({@code taza.kpi.*}); the token issuer is Spring's resource-server issuer-uri. */
@ConfigurationProperties("taza.kpi")
public class KpiProperties {

    /** How long the AMS intervals of each facility are kept for its drill-down page. */
    private Duration amsRetention = Duration.ofDays(7);
    /** How often the live stream sends the values changed since its last event. */
    private Duration liveInterval = Duration.ofMillis(500);
    /** How often an idle live stream gets a keep-alive comment. */
    private Duration liveHeartbeat = Duration.ofSeconds(15);
    private final SignIn signIn = new SignIn();

    public Duration getAmsRetention() {
        return amsRetention;
    }

    public void setAmsRetention(Duration amsRetention) {
        this.amsRetention = amsRetention;
    }

    public Duration getLiveInterval() {
        return liveInterval;
    }

    public void setLiveInterval(Duration liveInterval) {
        this.liveInterval = liveInterval;
    }

    public Duration getLiveHeartbeat() {
        return liveHeartbeat;
    }

    public void setLiveHeartbeat(Duration liveHeartbeat) {
        this.liveHeartbeat = liveHeartbeat;
    }

    public SignIn getSignIn() {
        return signIn;
    }

    /** How analysts sign in to the dashboard: this service as a confidential client of the token issuer. */
    public static class SignIn {
        /** The client id the identity provider knows this service by. */
        private String clientId = "kpi-service";
        /** The client's secret (from a Secret in Kubernetes); required. */
        private String clientSecret;

        public String getClientId() {
            return clientId;
        }

        public void setClientId(String clientId) {
            this.clientId = clientId;
        }

        public String getClientSecret() {
            return clientSecret;
        }

        public void setClientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
        }
    }
}
