package io.jixiao.platform.text;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

/**
 * A narrative of a request (年度总体目标, 实际完成情况, 偏差原因分析, a reason): lines and tabs, but no other control
 * character (a NUL, an escape), and no markup but the paragraphs of published forms ({@code <p>}, {@code <br>},
 * without attributes), which {@link PlainText} turns into lines. A {@code <script>}, an {@code <img onerror=…>} or a
 * {@code <p onclick=…>} is refused where it is entered, though every page shows narratives as text anyway. A
 * {@code <} that starts no tag ({@code 完成率<90%}) is text. Null is valid.
 */
@Documented
@Constraint(validatedBy = Narrative.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Narrative {

    String message() default "may hold lines and the <p>/<br> of published forms, but no other markup or control character";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Narrative, String> {

        private static final Set<String> PARAGRAPHS = Set.of("p", "br");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t')) {
                return false;
            }
            if (value.indexOf('<') < 0) {
                return true;
            }
            for (Element element : Jsoup.parseBodyFragment(value).body().select("*")) {
                if (element.tagName().equals("body")) {
                    continue;
                }
                if (!PARAGRAPHS.contains(element.normalName()) || !element.attributes().isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }
}
