package io.jixiao.scoring.snapshot;

import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A frozen form as figure paths and values ({@code funds.total.executed}, {@code indicators.IND-1.score},
 * {@code total}), the names the published figures use: two snapshots are compared figure by figure. The cut-offs
 * themselves are left out (they differ by definition), and a list of texts (flags) is one value.
 */
final class FormFigures {

    private static final Set<String> CUT_OFFS = Set.of("asOf", "knownAt");

    private FormFigures() {
    }

    static Map<String, String> flatten(JsonNode form) {
        Map<String, String> figures = new TreeMap<>();
        form.properties().forEach(entry -> {
            if (!CUT_OFFS.contains(entry.getKey())) {
                walk(entry.getKey(), entry.getValue(), figures);
            }
        });
        return figures;
    }

    private static void walk(String path, JsonNode node, Map<String, String> figures) {
        if (node.isObject()) {
            node.properties().forEach(entry -> walk(path + "." + entry.getKey(), entry.getValue(), figures));
        } else if (node.isArray() && path.equals("indicators")) {
            int index = 0;
            for (JsonNode indicator : node) {
                String id = indicator.path("indicatorId").asString(null);
                walk(path + "." + (id != null ? id : "#" + index), indicator, figures);
                index++;
            }
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode item : node) {
                joined.append(joined.isEmpty() ? "" : ", ").append(item.isValueNode() ? item.asString() : item.toString());
            }
            figures.put(path, joined.toString());
        } else if (!node.isNull()) {
            figures.put(path, node.asString());
        }
    }
}
