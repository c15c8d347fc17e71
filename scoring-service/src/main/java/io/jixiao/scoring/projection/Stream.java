package io.jixiao.scoring.projection;

import io.jixiao.contracts.Topics;

/** The producer's event stream a topic carries; sequences are numbered per stream and project. */
enum Stream {
    BUDGET("budget", Topics.BUDGET_EVENTS),
    INDICATOR("indicator", Topics.INDICATOR_EVENTS);

    private final String column;
    private final String topic;

    Stream(String column, String topic) {
        this.column = column;
        this.topic = topic;
    }

    /** The value stored in {@code applied_event.stream}. */
    String column() {
        return column;
    }

    static Stream ofTopic(String topic) {
        for (Stream stream : values()) {
            if (stream.topic.equals(topic)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("not an event topic: " + topic);
    }
}
