package kz.taza.emission;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** AMS readings, annual emission reports, limit exceedances and monitoring gaps. */
@SpringBootApplication
public class EmissionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EmissionServiceApplication.class, args);
    }
}
