package kz.taza.permit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Facility registry and the permit lifecycle: KEP, environmental impact permits and declarations. */
@SpringBootApplication
public class PermitServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PermitServiceApplication.class, args);
    }
}
