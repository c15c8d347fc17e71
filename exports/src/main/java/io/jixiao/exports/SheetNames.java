package io.jixiao.exports;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Sheet names Excel accepts: at most 31 characters, none of {@code [ ] : * ? / \}, no control character, not
 * beginning or ending with {@code '}, not {@code History}, and unique within the workbook ignoring case. A name
 * that would clash gets {@code ~2}, {@code ~3}, … (shortened to keep within 31).
 */
final class SheetNames {

    static final int MAX_LENGTH = 31;

    private final Set<String> taken = new HashSet<>();

    /** Reserves a name that is already safe (the summary sheet's). */
    String reserve(String name) {
        taken.add(key(name));
        return name;
    }

    /** A safe name not yet taken, as close to {@code wanted} as the rules allow; {@code fallback} if nothing is left. */
    String unique(String wanted, String fallback) {
        String base = safe(wanted);
        if (base.isEmpty()) {
            base = safe(fallback);
        }
        if (base.isEmpty()) {
            base = "表";
        }
        String name = base;
        for (int n = 2; taken.contains(key(name)) || name.equalsIgnoreCase("History"); n++) {
            String suffix = "~" + n;
            name = cut(base, MAX_LENGTH - suffix.length()) + suffix;
        }
        taken.add(key(name));
        return name;
    }

    static String safe(String wanted) {
        if (wanted == null) {
            return "";
        }
        StringBuilder name = new StringBuilder(wanted.length());
        wanted.strip().codePoints().forEach(c -> {
            boolean forbidden = c < 0x20 || c == 0x7f || "[]:*?/\\".indexOf(c) >= 0;
            name.appendCodePoint(forbidden ? '_' : c);
        });
        String cut = cut(name.toString(), MAX_LENGTH);
        int start = 0;
        int end = cut.length();
        while (start < end && cut.charAt(start) == '\'') {
            start++;
        }
        while (end > start && cut.charAt(end - 1) == '\'') {
            end--;
        }
        return cut.substring(start, end).strip();
    }

    private static String cut(String name, int length) {
        if (name.length() <= length) {
            return name;
        }
        int end = length;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end);
    }

    private static String key(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
