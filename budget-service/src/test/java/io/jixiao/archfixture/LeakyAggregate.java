package io.jixiao.archfixture;

import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.http.HttpStatus;

/** Breaks a rule on purpose, for the test of the architecture rules: an aggregate that speaks HTTP. */
@Aggregate
public class LeakyAggregate {

    HttpStatus refuse() {
        return HttpStatus.UNPROCESSABLE_CONTENT;
    }
}
