package kz.taza.forest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The 2-billion-tree programme: plans, plantings, survival surveys and saxaul on the Aral seabed. */
@SpringBootApplication
public class TreePlantingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TreePlantingServiceApplication.class, args);
    }
}
