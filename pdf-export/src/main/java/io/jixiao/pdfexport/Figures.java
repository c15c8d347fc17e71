package io.jixiao.pdfexport;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A form's fields read leniently (anything may be missing or null), and its figures as the form prints them. */
final class Figures {

    private static final Pattern DECIMAL = Pattern.compile("([+-]?)0*(\\d+?)(?:\\.(\\d*))?");

    private Figures() {
    }

    /** The text at a path of fields; null when a field is missing or null, or is an object or array. */
    static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String field : path) {
            if (at == null || !at.isObject()) {
                return null;
            }
            at = at.get(field);
        }
        if (at == null || at.isNull() || at.isMissingNode() || at.isContainer()) {
            return null;
        }
        if (at.isString()) {
            return at.stringValue();
        }
        if (at.isNumber() && at.isFloatingPointNumber()) {
            return at.decimalValue().toPlainString();
        }
        return at.asString();
    }

    /** The elements of an array field; none when it is missing or not an array. */
    static List<JsonNode> array(JsonNode node, String field) {
        List<JsonNode> elements = new ArrayList<>();
        JsonNode at = node == null || !node.isObject() ? null : node.get(field);
        if (at != null && at.isArray()) {
            at.values().forEach(elements::add);
        }
        return elements;
    }

    /** The texts of an array field, nulls and containers left out. */
    static List<String> texts(JsonNode node, String field) {
        List<String> texts = new ArrayList<>();
        for (JsonNode element : array(node, field)) {
            if (element.isValueNode() && !element.isNull()) {
                texts.add(element.isString() ? element.stringValue() : element.asString());
            }
        }
        return texts;
    }

    /**
     * An amount in 万元 as printed: thousands separators, at least 2 decimals ({@code 20126.6} → {@code 20,126.60}),
     * never rounded; the digits are moved as text, never through a floating-point number. Anything that is not a
     * plain decimal is printed as given; null is empty.
     */
    static String amount(String value) {
        if (value == null) {
            return "";
        }
        String plain = value.strip();
        Matcher decimal = DECIMAL.matcher(plain);
        if (!decimal.matches()) {
            return plain;
        }
        String digits = decimal.group(2);
        StringBuilder out = new StringBuilder(decimal.group(1));
        int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, head);
        for (int i = head; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        String fraction = decimal.group(3) == null ? "" : decimal.group(3);
        out.append('.').append(fraction);
        for (int i = fraction.length(); i < 2; i++) {
            out.append('0');
        }
        return out.toString();
    }

    /** A rate, weight or score as given; null is empty. */
    static String figure(String value) {
        return value == null ? "" : value.strip();
    }
}
