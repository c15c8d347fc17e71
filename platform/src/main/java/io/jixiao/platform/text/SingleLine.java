package io.jixiao.platform.text;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A one-line text of a request (a payee, a voucher or document number, a name, an indicator's 三级指标): no control
 * character at all (NUL, tab, CR, LF, …) and no Unicode line or paragraph separator. A payee {@code "某公司\r\nINFO …"}
 * would forge a line in every log that prints it, and no name or number has a line break. Null is valid (pair it
 * with {@code @NotBlank} where the field is required).
 */
@Documented
@Constraint(validatedBy = SingleLine.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

    String message() default "must be one line, without control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<SingleLine, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.codePoints().noneMatch(Validator::breaksTheLine);
        }

        static boolean breaksTheLine(int c) {
            return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
        }
    }
}
