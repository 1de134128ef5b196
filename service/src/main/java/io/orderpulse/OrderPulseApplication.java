package io.orderpulse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * OrderPulse: real-time order notifications, a message center and flash sales for shops,
 * as one modular Spring Boot application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderPulseApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrderPulseApplication.class, args);
	}

}
