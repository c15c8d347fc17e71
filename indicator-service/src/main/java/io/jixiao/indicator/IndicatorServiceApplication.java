package io.jixiao.indicator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** Performance indicators of project-years, recorded as Axon events and relayed to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IndicatorServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(IndicatorServiceApplication.class, args);
    }

    /** Dates of recorded actuals are business dates in China Standard Time. */
    @Bean
    Clock clock() {
        return Clock.system(java.time.ZoneId.of("Asia/Shanghai"));
    }
}
