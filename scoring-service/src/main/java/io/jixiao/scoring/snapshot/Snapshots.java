package io.jixiao.scoring.snapshot;

import io.jixiao.platform.domain.DomainException;
import io.jixiao.scoring.form.Form;
import io.jixiao.scoring.form.Forms;
import io.jixiao.scoring.monitoring.Monitoring;
import io.jixiao.scoring.projection.ConsumerPositions;
import io.jixiao.scoring.projection.ReadModel;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Quarterly snapshots: every form of a fiscal year (of one department, or all) frozen as of the quarter's last day
 * and as known at a time, with the stream positions the read model held and the SM3 digest of the content. The
 * content is a function of the events and the two cut-offs alone (project-years registered by then, their status
 * then, their money and indicator facts dated and recorded by then), so a retake with the same cut-offs gives
 * the same bytes, even after the read model was rebuilt.
 */
@Component
public class Snapshots {

    /** The format of a snapshot's content, written first. */
    static final String FORMAT = "jixiao-snapshot/1";
    /** Forms are computed this many project-years at a time, so a large year is never all in memory at once. */
    private static final int CHUNK = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One form read where the parser stands, in the middle of the content. */
    private static final tools.jackson.databind.ObjectReader ONE_FORM = JSON.readerFor(JsonNode.class)
            .without(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JdbcClient jdbc;
    private final ReadModel readModel;
    private final Forms forms;
    private final ConsumerPositions positions;
    private final Clock clock;

    Snapshots(JdbcClient jdbc, ReadModel readModel, Forms forms, ConsumerPositions positions, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.readModel = readModel;
        this.forms = forms;
        this.positions = positions;
        this.clock = clock.getIfAvailable(() -> Clock.system(Monitoring.FISCAL_ZONE));
    }

    /** A snapshot without its content. {@code department} null: all departments. */
    public record Snapshot(String id, String quarter, String department, LocalDate asOf, OffsetDateTime knownAt,
                           OffsetDateTime takenAt, String takenBy, boolean automatic, Map<String, Long> positions,
                           int projectYears, String digest) {
    }

    /**
     * Takes a snapshot of a quarter that is over, as known at {@code knownAt} (null: now; never in the future).
     * An automatic one is taken once per quarter and department: a second attempt answers the first.
     */
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public Snapshot take(Quarter quarter, String department, OffsetDateTime knownAt, String takenBy, boolean automatic) {
        Instant now = clock.instant();
        Instant quarterEnds = quarter.lastDay().plusDays(1).atStartOfDay(Monitoring.FISCAL_ZONE).toInstant();
        if (now.isBefore(quarterEnds)) {
            throw new DomainException.RuleViolation("quarter-not-over", quarter + " ends at " + quarterEnds
                    + "; a snapshot freezes a quarter that is over");
        }
        OffsetDateTime known = cutOff(knownAt != null ? knownAt.toInstant() : now);
        if (known.toInstant().isAfter(now)) {
            throw new DomainException.RuleViolation("known-at-in-future", "knownAt " + knownAt + " is later than now");
        }
        if (automatic) {
            // one instance computes it; the others see the lock taken, and the unique index keeps it once regardless
            Boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(hashtext(?))").param("snapshot " + quarter + " " + department)
                    .query(Boolean.class).single();
            if (!mine) {
                return null;
            }
            var existing = automaticOf(quarter, department);
            if (existing != null) {
                return existing;
            }
        }
        Content content = content(quarter, department, known);
        Map<String, Long> held = new TreeMap<>();
        positions.all().forEach((partition, offset) -> held.put(partition.topic() + "-" + partition.partition(), offset));
        String id = quarter + "-" + HexFormat.of().formatHex(randomBytes());
        OffsetDateTime takenAt = cutOff(now);
        int inserted = jdbc.sql("""
                        insert into snapshot (id, quarter, department, as_of, known_at, taken_at, taken_by, automatic, positions,
                                              project_years, digest, content)
                        values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)
                        on conflict (quarter, coalesce(department, '')) where automatic do nothing
                        """)
                .params(id, quarter.toString(), department, quarter.lastDay(), Timestamp.from(known.toInstant()),
                        Timestamp.from(takenAt.toInstant()), takenBy, automatic, JSON.writeValueAsString(held),
                        content.projectYears(), content.digest(), content.bytes())
                .update();
        if (inserted == 0) {
            return automaticOf(quarter, department);
        }
        return new Snapshot(id, quarter.toString(), department, quarter.lastDay(), known, takenAt, takenBy, automatic, held,
                content.projectYears(), content.digest());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Instants as PostgreSQL keeps them (microseconds), in UTC: the same text whichever zone asked. */
    static OffsetDateTime cutOff(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The canonical content, its SM3 digest and how many project-years it holds. */
    record Content(byte[] bytes, String digest, int projectYears) {
    }

    /**
     * The content of a snapshot with these cut-offs, computed from the read model: the header, then every form in
     * project-id order, each as the form API serves it.
     */
    @Transactional(readOnly = true)
    public Content content(Quarter quarter, String department, OffsetDateTime knownAt) {
        OffsetDateTime known = cutOff(knownAt.toInstant());
        LocalDate asOf = quarter.lastDay();
        List<ReadModel.ProjectYear> projects = readModel.projectYearsKnownAt(quarter.year(), department, asOf, known);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("format", FORMAT);
            json.writeStringProperty("quarter", quarter.toString());
            json.writeStringProperty("department", department);
            json.writeStringProperty("asOf", asOf.toString());
            json.writeStringProperty("knownAt", known.toInstant().toString());
            json.writeNumberProperty("projectYears", projects.size());
            json.writeArrayPropertyStart("forms");
            for (int from = 0; from < projects.size(); from += CHUNK) {
                List<ReadModel.ProjectYear> chunk = projects.subList(from, Math.min(from + CHUNK, projects.size()));
                Map<String, Form> computed = forms.forms(chunk, asOf, known);
                for (ReadModel.ProjectYear project : chunk) {
                    JSON.writeValue(json, computed.get(project.projectId()));
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        byte[] bytes = out.toByteArray();
        return new Content(bytes, sm3(bytes), projects.size());
    }

    static String sm3(byte[] bytes) {
        SM3Digest digest = new SM3Digest();
        digest.update(bytes, 0, bytes.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return Hex.toHexString(hash);
    }

    private static final String COLUMNS = """
            select id, quarter, department, as_of, known_at, taken_at, taken_by, automatic, positions, project_years, digest
              from snapshot""";

    private Snapshot automaticOf(Quarter quarter, String department) {
        return jdbc.sql(COLUMNS + " where automatic and quarter = ? and coalesce(department, '') = coalesce(?, '')")
                .params(quarter.toString(), department).query(this::snapshot).optional().orElse(null);
    }

    public Snapshot require(String id) {
        return jdbc.sql(COLUMNS + " where id = ?").param(id).query(this::snapshot).optional()
                .orElseThrow(() -> new DomainException.NotFound("unknown-snapshot", "no snapshot " + id));
    }

    /** Newest first. */
    public List<Snapshot> list(String quarter, int page, int size) {
        return jdbc.sql(COLUMNS + " where (cast(? as text) is null or quarter = ?) order by taken_at desc, id limit ? offset ?")
                .params(quarter, quarter, size, (long) page * size).query(this::snapshot).list();
    }

    private Snapshot snapshot(java.sql.ResultSet row, int number) throws java.sql.SQLException {
        Map<String, Long> held = new TreeMap<>();
        JSON.readTree(row.getString("positions")).properties().forEach(entry -> held.put(entry.getKey(), entry.getValue().asLong()));
        return new Snapshot(row.getString("id"), row.getString("quarter"), row.getString("department"),
                row.getDate("as_of").toLocalDate(), cutOff(row.getTimestamp("known_at").toInstant()),
                cutOff(row.getTimestamp("taken_at").toInstant()), row.getString("taken_by"), row.getBoolean("automatic"),
                held, row.getInt("project_years"), row.getString("digest").trim());
    }

    /** The stored content, byte for byte as it was digested. */
    public byte[] contentOf(String id) {
        return jdbc.sql("select content from snapshot where id = ?").param(id).query(byte[].class).optional()
                .orElseThrow(() -> new DomainException.NotFound("unknown-snapshot", "no snapshot " + id));
    }

    /** The frozen forms of a snapshot, read one by one from its content each time the iterable is walked. */
    public Iterable<JsonNode> formsOf(String id) {
        byte[] content = contentOf(id);
        return () -> new FormIterator(content);
    }

    /** Walks the {@code forms} array of a snapshot's content without building the whole tree. */
    private static final class FormIterator implements Iterator<JsonNode> {
        private final JsonParser parser;
        private JsonNode next;

        FormIterator(byte[] content) {
            parser = JSON.createParser(content);
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.PROPERTY_NAME && "forms".equals(parser.currentName())) {
                    parser.nextToken(); // the array's start
                    advance();
                    return;
                }
            }
        }

        private void advance() {
            JsonToken token = parser.nextToken();
            next = token == JsonToken.START_OBJECT ? ONE_FORM.readValue(parser) : null;
            if (next == null) {
                parser.close();
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public JsonNode next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            JsonNode current = next;
            advance();
            return current;
        }
    }

    /** How a project-year's frozen form differs between two snapshots, and the events that make the difference. */
    public record ProjectChange(String projectId, String name, String change, List<FigureChange> figures, List<EventRef> events) {
    }

    public record FigureChange(String field, String before, String after) {
    }

    /** An event counted in one snapshot and not in the other (by its dates against the two pairs of cut-offs). */
    public record EventRef(String eventId, String stream, String eventType, String reference, LocalDate businessDate,
                           OffsetDateTime recordedAt) {
    }

    public record Diff(Snapshot from, Snapshot to, int unchanged, List<ProjectChange> changes) {
    }

    /** What changed from one snapshot to another: project-years added, removed or changed, figure by figure. */
    @Transactional(readOnly = true)
    public Diff diff(String fromId, String toId) {
        Snapshot from = require(fromId);
        Snapshot to = require(toId);
        Map<String, JsonNode> before = byProject(formsOf(fromId));
        Map<String, JsonNode> after = byProject(formsOf(toId));
        List<ProjectChange> changes = new ArrayList<>();
        int unchanged = 0;
        java.util.SortedSet<String> ids = new java.util.TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String projectId : ids) {
            JsonNode a = before.get(projectId);
            JsonNode b = after.get(projectId);
            Map<String, String> figuresA = a == null ? Map.of() : FormFigures.flatten(a);
            Map<String, String> figuresB = b == null ? Map.of() : FormFigures.flatten(b);
            if (figuresA.equals(figuresB)) {
                unchanged++;
                continue;
            }
            List<FigureChange> figures = new ArrayList<>();
            java.util.SortedSet<String> fields = new java.util.TreeSet<>(figuresA.keySet());
            fields.addAll(figuresB.keySet());
            for (String field : fields) {
                String x = figuresA.get(field);
                String y = figuresB.get(field);
                if (!java.util.Objects.equals(x, y)) {
                    figures.add(new FigureChange(field, x, y));
                }
            }
            String name = (b != null ? b : a).path("name").asString(null);
            changes.add(new ProjectChange(projectId, name, a == null ? "ADDED" : b == null ? "REMOVED" : "CHANGED", figures,
                    eventsBetween(projectId, from, to)));
        }
        return new Diff(from, to, unchanged, changes);
    }

    private static Map<String, JsonNode> byProject(Iterable<JsonNode> forms) {
        Map<String, JsonNode> map = new TreeMap<>();
        forms.forEach(form -> map.put(form.path("projectId").asString(), form));
        return map;
    }

    /** The money and indicator events of a project-year inside one snapshot's cut-offs and outside the other's. */
    private List<EventRef> eventsBetween(String projectId, Snapshot a, Snapshot b) {
        return readModel.eventsInOnlyOne(projectId, a.asOf(), a.knownAt(), b.asOf(), b.knownAt()).stream()
                .map(event -> new EventRef(event.eventId(), event.stream(), event.eventType(), event.reference(),
                        event.businessDate(), cutOff(event.recordedAt())))
                .toList();
    }
}
