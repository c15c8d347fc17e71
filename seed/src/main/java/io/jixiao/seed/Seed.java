package io.jixiao.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The published forms on the class path: one copy, read by the stack's seed load and by every golden test. */
public final class Seed {

    /** The seven 2023 forms of 上海科技馆 in the exchange format. */
    public static final String FORMS_2023 = "/seed/forms-2023.json";

    /**
     * The published forms of other jurisdictions, each a file of the exchange format under {@code /seed/published/}
     * (see its README for their sources and what each contradicts of itself).
     */
    public static final java.util.List<String> PUBLISHED = java.util.List.of("putuo-sports-settlement-2022",
            "putuo-sports-yundian-2022", "tianchang-water-flood-2022", "chizhou-tangxi-weituo-2022",
            "chizhou-tangxi-cunji-2022", "lijiang-gucheng-weipian-2020");

    private Seed() {
    }

    /** A seed resource as text; a missing one is an error, never an empty seed. */
    public static String text(String resource) {
        try (InputStream in = Seed.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of {@link #PUBLISHED} as JSON text. */
    public static String published(String name) {
        return text("/seed/published/" + name + ".json");
    }

    /** The seven 2023 forms as JSON text. */
    public static String forms2023() {
        return text(FORMS_2023);
    }
}
