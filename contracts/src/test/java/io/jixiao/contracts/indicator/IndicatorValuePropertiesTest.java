package io.jixiao.contracts.indicator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Generated cases from a seeded {@link Random}: the parsers throw nothing but {@link IndicatorValueException}, and
 * (operator, decimal, unit) triples survive a round trip through their text. Every failure names its case seed;
 * run with {@code -Dindicator.seed=<n>} to change the master seed.
 */
class IndicatorValuePropertiesTest {

    private static final long MASTER_SEED = Long.getLong("indicator.seed", 20231231L);
    private static final int FUZZ_CASES = 6000;
    private static final int ROUND_TRIP_CASES = 3000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Pieces random texts are made of: what the parsers look at, and what they must survive. */
    private static final List<String> PIECES = List.of(
            "0", "1", "5", "9", "00", ".", "..", "-", "+", "e", "E", ",", "_",
            "≥", "≧", ">=", ">", "＞", "=", "＝", "═", "﹦", "≤", "≦", "<=", "<", "＜",
            "(", ")", "（", "）", "%", "％", "/", "·", "人次/年", "天", "起", "万元", "内", "以上", "km",
            " ", "  ", "\t", "\n", "\r", "\r\n", "\u3000", "\u00A0", "\u0000", "\u0007", "\u001B", "\u007F", "\u0085",
            "\u200B", "\uFEFF", "\uD800", "\uDFFF", "😀", "𠀀",
            "达成", "指标", "部分", "未", "达成指标", "全部", "全面保障", "<p>", "</p>", "<br/>", "NaN", "Infinity",
            "０", "１", "９", "．");

    private static final List<String> VALID = List.of(
            "≥15600000.00(人次/年)", "≥90(%)", "≥95.00(%)", "≤5(天)", "=0(起)", "100", "90", "80", "全部", "全面保障",
            "42.68(%)", "0.00(人次/年)", "95.00(%)", "达成指标", "部分达成", "未达成指标", "<p>全面保障</p>",
            ">=90%", "＜3（个）", "≧ 735 人次", "20万元", "﹦ 72890 元", "≤5天", "5天内完成", "100%覆盖");

    private static final List<String> UNITS = List.of("%", "人次/年", "天", "起", "个", "万元", "元", "m²", "人次", "小时",
            "%/年", "次/日", "分", "km", "件·次", "台套");

    private static final Map<String, Operator> SPELLINGS = Map.ofEntries(
            Map.entry("≥", Operator.GE), Map.entry(">=", Operator.GE), Map.entry("≧", Operator.GE),
            Map.entry(">", Operator.GT), Map.entry("＞", Operator.GT),
            Map.entry("=", Operator.EQ), Map.entry("＝", Operator.EQ), Map.entry("═", Operator.EQ), Map.entry("﹦", Operator.EQ),
            Map.entry("≤", Operator.LE), Map.entry("<=", Operator.LE), Map.entry("≦", Operator.LE),
            Map.entry("<", Operator.LT), Map.entry("＜", Operator.LT));
    private static final List<String> SPELLING_KEYS = SPELLINGS.keySet().stream().sorted().toList();

    @Test
    void targetParsingThrowsNothingButIndicatorValueException() {
        fuzz("target", Target::parse, (text, target) -> checkTarget(text, target));
    }

    @Test
    void actualParsingThrowsNothingButIndicatorValueException() {
        fuzz("actual", Actual::parse, (text, actual) -> checkActual(text, actual));
    }

    /** Targets of every shape, to read generated actuals against. */
    private static final List<Target> TARGETS = List.of(Target.parse("≥90(%)"), Target.parse("≧ 735 人次"),
            Target.parse("100"), Target.parse("20万元"), Target.parse("全面保障"), Target.parse("是否按时完成"),
            Target.parse("<p>全面保障</p>"), Target.parse("≤5天"));

    @Test
    void actualParsingAgainstATargetThrowsNothingButIndicatorValueException() {
        fuzz("actual", text -> Actual.parse(text, TARGETS.get(Math.floorMod(text.hashCode(), TARGETS.size()))),
                (text, actual) -> {
                    Target target = TARGETS.get(Math.floorMod(text.hashCode(), TARGETS.size()));
                    assertThat(actual.display()).isEqualTo(text.strip());
                    assertThat(actual.quantitative()).isNotEqualTo(actual.achievement() != null);
                    if (actual.interpretations().contains(Interpretation.RESTATES_TARGET)) {
                        assertThat(actual.achievement()).isEqualTo(Achievement.ACHIEVED);
                        assertThat(target.operator()).isNull();
                    }
                    if (actual.interpretations().contains(Interpretation.UNIT_FROM_TARGET)) {
                        assertThat(actual.unit()).isEqualTo(target.unit()).isNotNull();
                    }
                    if (actual.quantitative() && target.unit() != null) {
                        assertThat(actual.unit()).isNotNull();
                    }
                });
    }

    @Test
    void operatorDecimalUnitTriplesRoundTrip() {
        Random master = new Random(MASTER_SEED);
        for (int i = 0; i < ROUND_TRIP_CASES; i++) {
            long seed = master.nextLong();
            Random random = new Random(seed);
            Operator operator = Operator.values()[random.nextInt(Operator.values().length)];
            BigDecimal value = decimal(random);
            String unit = unit(random);
            String text = operator.symbol() + value.toPlainString() + "(" + unit + ")";
            String because = "case seed " + seed + " (master seed " + MASTER_SEED + "): " + escape(text);
            try {
                Target target = Target.parse(text);
                assertThat(target.operator()).as(because).isEqualTo(operator);
                assertThat(target.value()).as(because).isEqualTo(value);
                assertThat(target.value().scale()).as(because).isEqualTo(value.scale());
                assertThat(target.unit()).as(because).isEqualTo(unit);
                assertThat(target.display()).as(because).isEqualTo(text);
                assertThat(target.reverse()).as(because).isEqualTo(operator == Operator.LE || operator == Operator.LT);

                // other spellings of the same triple: operator aliases, full-width parentheses, blanks, % suffix
                String spelling = SPELLING_KEYS.get(random.nextInt(SPELLING_KEYS.size()));
                String padded = blanks(random) + spelling + blanks(random) + value.toPlainString()
                        + "（" + unit + "）" + blanks(random);
                Target variant = Target.parse(padded);
                assertThat(variant.display()).as(because + " / " + escape(padded)).isEqualTo(padded.strip());
                assertThat(variant.operator()).as(because + " / " + escape(padded)).isEqualTo(SPELLINGS.get(spelling));
                assertThat(variant.value()).as(because + " / " + escape(padded)).isEqualTo(value);
                assertThat(variant.unit()).as(because + " / " + escape(padded)).isEqualTo(unit);
                assertThat(Target.parse(operator.symbol() + value.toPlainString() + "%").unit()).as(because).isEqualTo("%");
                assertThat(variant.interpretations().contains(Interpretation.OPERATOR_SPELLING)).as(because + " / " + escape(padded))
                        .isEqualTo(!spelling.equals(SPELLINGS.get(spelling).symbol()));

                Target bare = Target.parse(value.toPlainString());
                assertThat(bare.bareNumber()).as(because).isTrue();
                assertThat(bare.value()).as(because).isEqualTo(value);

                Actual actual = Actual.parse(value.toPlainString() + "(" + unit + ")");
                assertThat(actual.value()).as(because).isEqualTo(value);
                assertThat(actual.unit()).as(because).isEqualTo(unit);
                assertThat(Actual.parse(value.toPlainString()).unit()).as(because).isNull();

                assertThat(JSON.readValue(JSON.writeValueAsString(target), Target.class)).as(because).isEqualTo(target);
                assertThat(JSON.readValue(JSON.writeValueAsString(actual), Actual.class)).as(because).isEqualTo(actual);
            } catch (RuntimeException e) {
                throw new AssertionError(because + " threw " + e, e);
            }
        }
    }

    @Test
    void displayIsAlwaysTheStrippedInputAndParsingItAgainGivesTheSameValue() {
        Random master = new Random(MASTER_SEED ^ 0x5DEECE66DL);
        int parsed = 0;
        for (int i = 0; i < FUZZ_CASES; i++) {
            long seed = master.nextLong();
            String text = mutated(new Random(seed));
            try {
                Target target = Target.parse(text);
                parsed++;
                assertThat(target.display()).as("case seed %d: %s", seed, escape(text)).isEqualTo(text.strip());
                assertThat(Target.parse(target.display())).as("case seed %d: %s", seed, escape(text)).isEqualTo(target);
            } catch (IndicatorValueException expected) {
                // rejected: fine
            }
        }
        assertThat(parsed).as("enough mutated texts parse to make the property meaningful").isGreaterThan(FUZZ_CASES / 4);
    }

    // ---- the fuzz loop ------------------------------------------------------------------------------------------

    interface Check<T> {
        void check(String text, T parsed);
    }

    private static <T> void fuzz(String field, Function<String, T> parser, Check<T> check) {
        Random master = new Random(MASTER_SEED + field.hashCode());
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < FUZZ_CASES; i++) {
            long seed = master.nextLong();
            String text = generated(new Random(seed));
            String because = "case seed " + seed + " (master seed " + MASTER_SEED + "), input " + escape(text);
            try {
                T parsed = parser.apply(text);
                accepted++;
                check.check(text, parsed);
                Object back = JSON.readValue(JSON.writeValueAsString(parsed), parsed.getClass());
                assertThat(back).as(because).isEqualTo(parsed);
            } catch (IndicatorValueException e) {
                rejected++;
                assertThat(e.field()).as(because).isEqualTo(field);
                assertThat(e.getMessage()).as(because).isNotBlank();
            } catch (AssertionError e) {
                throw new AssertionError(because + ": " + e.getMessage(), e);
            } catch (Throwable e) {
                fail(because + " threw " + e + " instead of IndicatorValueException", e);
            }
        }
        assertThat(accepted).as("accepted cases").isGreaterThan(FUZZ_CASES / 20);
        assertThat(rejected).as("rejected cases").isGreaterThan(FUZZ_CASES / 20);
    }

    private static void checkTarget(String text, Target target) {
        assertThat(target.display()).isEqualTo(text.strip()).isEqualTo(target.original());
        assertThat(target.original()).isNotBlank();
        assertThat(target.quantitative()).isEqualTo(target.value() != null);
        assertThat(target.quantitative()).isNotEqualTo(target.qualitative() != null);
        if (target.quantitative()) {
            checkDecimal(target.value());
            checkUnit(target.unit());
            assertThat(target.interpretations().contains(Interpretation.NO_OPERATOR)).isEqualTo(target.bareNumber());
        } else {
            assertThat(target.qualitative()).isEqualTo(target.original());
            assertThat(target.operator()).isNull();
            assertThat(target.unit()).isNull();
            assertThat(target.interpretations()).isEmpty();
        }
        assertThat(target.original().codePoints())
                .allMatch(c -> c == '\n' || c == '\t' || Character.getType(c) != Character.CONTROL)
                .noneMatch(c -> Character.getType(c) == Character.SURROGATE);
        assertThat(target.original().codePointCount(0, target.original().length())).isLessThanOrEqualTo(1000);
    }

    private static void checkActual(String text, Actual actual) {
        assertThat(actual.display()).isEqualTo(text.strip()).isEqualTo(actual.original());
        assertThat(actual.quantitative()).isEqualTo(actual.value() != null);
        assertThat(actual.quantitative()).isNotEqualTo(actual.achievement() != null);
        if (actual.quantitative()) {
            checkDecimal(actual.value());
            checkUnit(actual.unit());
        } else {
            assertThat(actual.unit()).isNull();
            assertThat(actual.original()).isIn("达成指标", "达成", "部分达成指标", "部分达成", "未达成指标", "未达成");
            assertThat(actual.interpretations()).isEmpty();
        }
        assertThat(actual.interpretations()).doesNotContain(Interpretation.UNIT_FROM_TARGET, Interpretation.RESTATES_TARGET);
    }

    private static void checkDecimal(BigDecimal value) {
        assertThat(value.scale()).isBetween(0, 6);
        assertThat(value.precision() - value.scale()).isLessThanOrEqualTo(15);
    }

    private static void checkUnit(String unit) {
        if (unit != null) {
            assertThat(unit).isNotBlank().isEqualTo(unit.strip()).doesNotContain("(", ")", "（", "）", "\n", "\t");
        }
    }

    // ---- generators ---------------------------------------------------------------------------------------------

    /** A random text: pieces, random code points of any plane, CJK, or now and then something very long. */
    static String generated(Random random) {
        int kind = random.nextInt(100);
        if (kind < 10) {
            return mutated(random);
        }
        if (kind < 12) {
            String unit = random.nextBoolean() ? "" : "(%)";
            return (random.nextBoolean() ? "≥" : "") + "9".repeat(990 + random.nextInt(30)) + unit;
        }
        if (kind < 14) {
            return "达".repeat(995 + random.nextInt(10));
        }
        if (kind < 40) {
            return structured(random);
        }
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(16);
        for (int i = 0; i < length; i++) {
            int choice = random.nextInt(10);
            if (choice < 5) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            } else if (choice < 7) {
                text.append((char) ('0' + random.nextInt(10)));
            } else if (choice < 8) {
                text.appendCodePoint(0x4E00 + random.nextInt(0x9FFF - 0x4E00));
            } else if (choice < 9) {
                text.appendCodePoint(random.nextInt(0x3000)); // Latin, symbols, controls, …
            } else {
                text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1)); // any plane, lone surrogates too
            }
        }
        return text.toString();
    }

    /** Near the grammar: blanks, maybe an operator, a decimal (sometimes broken), maybe a unit, maybe an achievement. */
    static String structured(Random random) {
        if (random.nextInt(4) == 0) {
            String[] achievements = {"达成指标", "达成", "部分达成指标", "部分达成", "未达成指标", "未达成", "达成 指标", "基本达成"};
            return blanks(random) + achievements[random.nextInt(achievements.length)] + blanks(random);
        }
        StringBuilder text = new StringBuilder(blanks(random));
        if (random.nextInt(3) == 0) {
            text.append(SPELLING_KEYS.get(random.nextInt(SPELLING_KEYS.size()))).append(blanks(random));
        }
        String number = random.nextInt(10) == 0 ? "9".repeat(14 + random.nextInt(3)) + ".1234567".substring(0, 1 + random.nextInt(8))
                : decimal(random).toPlainString();
        text.append(random.nextInt(20) == 0 ? number.replace('.', ',') : number).append(blanks(random));
        switch (random.nextInt(5)) {
            case 0 -> text.append('%');
            case 1, 2 -> text.append(random.nextBoolean() ? "(" : "（").append(unit(random)).append(random.nextBoolean() ? ")" : "）");
            case 3 -> text.append(PIECES.get(random.nextInt(PIECES.size())));
            default -> { }
        }
        return text.append(blanks(random)).toString();
    }

    /** A valid text with up to three random insertions, deletions or replacements. */
    static String mutated(Random random) {
        StringBuilder text = new StringBuilder(VALID.get(random.nextInt(VALID.size())));
        int edits = random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(text.length() + 1);
            String piece = PIECES.get(random.nextInt(PIECES.size()));
            switch (random.nextInt(3)) {
                case 0 -> text.insert(at, piece);
                case 1 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                default -> text.replace(at, Math.min(text.length(), at + 1), piece);
            }
        }
        return text.toString();
    }

    /** A decimal of 1 to 15 integer digits and 0 to 6 decimals, either sign. */
    static BigDecimal decimal(Random random) {
        int integerDigits = 1 + random.nextInt(15);
        int decimals = random.nextInt(7);
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < integerDigits + decimals; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        BigDecimal value = new BigDecimal(new BigInteger(digits.toString()), decimals);
        return random.nextInt(5) == 0 ? value.negate() : value;
    }

    /** A known unit, or 1 to 8 random CJK, Latin and symbol characters (no parentheses, no outer blanks). */
    static String unit(Random random) {
        if (random.nextBoolean()) {
            return UNITS.get(random.nextInt(UNITS.size()));
        }
        StringBuilder unit = new StringBuilder();
        int length = 1 + random.nextInt(8);
        String symbols = "%/·²³‰°$€¥-_.·";
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> unit.appendCodePoint(0x4E00 + random.nextInt(0x9FFF - 0x4E00));
                case 1 -> unit.append((char) ('a' + random.nextInt(26)));
                case 2 -> unit.append(symbols.charAt(random.nextInt(symbols.length())));
                default -> unit.append(random.nextBoolean() ? "人次" : (char) ('0' + random.nextInt(10)));
            }
        }
        return unit.toString();
    }

    private static String blanks(Random random) {
        String[] blanks = {"", "", " ", "\t", "\u3000", "  "};
        return blanks[random.nextInt(blanks.length)];
    }

    /** The text with controls, surrogates and non-ASCII blanks escaped, so that a failure message shows them. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isSurrogate(c) || c == '\u3000' || c == '\u00A0') {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        String result = escaped.append('"').toString();
        return result.length() > 200 ? result.substring(0, 200) + "…(" + text.length() + " chars)" : result;
    }
}
