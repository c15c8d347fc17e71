package io.jixiao.indicator.upcasting;

import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.Target;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Revision 1 of {@link IndicatorDefined} and {@link IndicatorActualRecorded} held the target and the actual as
 * text; revision 2 holds them parsed (with the text kept as {@code original}). Old events are parsed on reading,
 * so the store is never rewritten.
 */
@Component
@Order(0)
public class ParsedValuesUpcaster extends SingleEventUpcaster {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEFINED = IndicatorDefined.class.getName();
    private static final String ACTUAL = IndicatorActualRecorded.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        return "1".equals(representation.getType().getRevision()) && (DEFINED.equals(type) || ACTUAL.equals(type));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        return representation.upcastPayload(new SimpleSerializedType(type, "2"), JsonNode.class, payload -> {
            ObjectNode node = (ObjectNode) payload.deepCopy();
            if (DEFINED.equals(type)) {
                node.set("target", JSON.valueToTree(Target.parse(node.path("target").asString())));
            } else {
                node.set("actual", JSON.valueToTree(Actual.parse(node.path("actual").asString())));
            }
            return node;
        });
    }
}
