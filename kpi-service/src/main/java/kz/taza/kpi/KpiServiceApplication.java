package kz.taza.kpi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The KPIs for analysts: the catalogue, current values and history, live updates, CSV and JSON export, the drill-down
 * from a national emission figure to the report versions behind it, and the dashboard that shows them. It reads what
 * the other services publish and writes no topic.
 */
@SpringBootApplication
public class KpiServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(KpiServiceApplication.class, args);
    }
}
