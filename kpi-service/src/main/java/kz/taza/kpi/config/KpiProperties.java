package kz.taza.kpi.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The KPI service's settings ({@code taza.kpi.*}); sign-in is {@link SignInProperties}. */
@ConfigurationProperties("taza.kpi")
public class KpiProperties {

    /** How long the AMS intervals of each facility are kept for its drill-down page. */
    private Duration amsRetention = Duration.ofDays(7);
    /** How often the live stream sends the values changed since its last event. */
    private Duration liveInterval = Duration.ofMillis(500);
    /** How often an idle live stream gets a keep-alive comment. */
    private Duration liveHeartbeat = Duration.ofSeconds(15);

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
}
