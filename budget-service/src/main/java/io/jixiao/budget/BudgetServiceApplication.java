package io.jixiao.budget;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Projects, budgets per fund source and payments, recorded as Axon events and relayed to Kafka. */
@SpringBootApplication
public class BudgetServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BudgetServiceApplication.class, args);
    }
}
