package io.jixiao.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import com.fasterxml.jackson.annotation.JsonFormat;
import tools.jackson.core.StreamReadFeature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** Registers the problem+json advice and strict request-body reading in every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemAdvice.class)
public class ProblemAutoConfiguration {

    /**
     * Request bodies are read strictly: unknown fields and a field given twice are errors, a JSON number is never
     * quietly turned into a string, an enum or a date, so an amount must arrive as the exact decimal string the
     * poster meant.
     */
    @Bean
    JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // {"amount":"99.00", …, "amount":"10.00"}: which did the poster mean? Neither is taken
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // a date is an ISO text: 20230630 is not read as the 20,230,630th day after 1970
                .withConfigOverride(java.time.LocalDate.class, o -> o.setFormat(JsonFormat.Value.forLeniency(false)))
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
