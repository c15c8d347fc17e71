package io.jixiao.scoring.snapshot;

import io.jixiao.contracts.InvalidValueException;
import io.jixiao.contracts.access.Role;
import io.jixiao.platform.domain.DomainException;
import io.jixiao.platform.security.Allowed;
import io.jixiao.platform.security.Caller;
import io.jixiao.platform.security.Callers;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

/** Auditors (and admins) take quarterly snapshots, list them, read one, and compare two. */
@RestController
class SnapshotController {

    static final int MAX_PAGE = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Snapshots snapshots;
    private final SnapshotExports exports;

    SnapshotController(Snapshots snapshots, SnapshotExports exports) {
        this.snapshots = snapshots;
        this.exports = exports;
    }

    /** {@code knownAt} absent: as known now. {@code department} absent: every department. */
    record TakeRequest(String quarter, String department, OffsetDateTime knownAt) {
    }

    @PostMapping("/snapshots")
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "take-snapshot")
    ResponseEntity<Snapshots.Snapshot> take(@RequestBody TakeRequest request) {
        if (request.quarter() == null) {
            throw new InvalidValueException("quarter", "quarter is required, e.g. \"2023-Q4\"");
        }
        Quarter quarter = Quarter.parse(request.quarter());
        String department = request.department() == null || request.department().isBlank() ? null : request.department().strip();
        Caller caller = Callers.require();
        if (department == null ? !caller.reachesAllDepartments() : !caller.reaches(department, null)) {
            throw new DomainException.NotFound("unknown-department", "no department " + department + " within reach");
        }
        Snapshots.Snapshot taken = snapshots.take(quarter, department, request.knownAt(), who(caller), false);
        return ResponseEntity.created(URI.create("/snapshots/" + taken.id())).body(taken);
    }

    @GetMapping("/snapshots")
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "list-snapshots")
    List<Snapshots.Snapshot> list(@RequestParam(required = false) String quarter,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        if (quarter != null) {
            Quarter.parse(quarter);
        }
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw new InvalidValueException("size", "page is 0 or more, size 1 to " + MAX_PAGE);
        }
        return snapshots.list(quarter, page, size);
    }

    /** The snapshot and its content: {@code {"snapshot":{…},"content":{…the frozen forms…}}}. */
    @GetMapping(value = "/snapshots/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "read-snapshot", audited = true)
    ResponseEntity<StreamingResponseBody> one(@PathVariable String id) {
        Snapshots.Snapshot snapshot = snapshots.require(id);
        byte[] content = snapshots.contentOf(id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> {
            out.write("{\"snapshot\":".getBytes(StandardCharsets.UTF_8));
            out.write(JSON.writeValueAsBytes(snapshot));
            out.write(",\"content\":".getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.write('}');
        });
    }

    /** The content exactly as it was digested: its SM3 is the snapshot's {@code digest}. */
    @GetMapping(value = "/snapshots/{id}/content", produces = MediaType.APPLICATION_JSON_VALUE)
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "read-snapshot-content", audited = true)
    byte[] content(@PathVariable String id) {
        return snapshots.contentOf(id);
    }

    @GetMapping("/snapshots/{id}/diff/{otherId}")
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "diff-snapshots", audited = true)
    Snapshots.Diff diff(@PathVariable String id, @PathVariable String otherId) {
        return snapshots.diff(id, otherId);
    }

    @GetMapping("/snapshots/{id}/export.xlsx")
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "export-snapshot-xlsx", audited = true)
    ResponseEntity<StreamingResponseBody> xlsx(@PathVariable String id) {
        return export(id, SnapshotExports.Format.XLSX, "");
    }

    @GetMapping("/snapshots/{id}/export.pdf")
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "export-snapshot-pdf", audited = true)
    ResponseEntity<StreamingResponseBody> pdf(@PathVariable String id) {
        return export(id, SnapshotExports.Format.PDF, "");
    }

    @GetMapping("/snapshots/{id}/yitihua.csv")
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "export-snapshot-csv", audited = true)
    ResponseEntity<StreamingResponseBody> csv(@PathVariable String id) {
        return export(id, SnapshotExports.Format.CSV, "-yitihua");
    }

    @GetMapping("/snapshots/{id}/yitihua.json")
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "export-snapshot-json", audited = true)
    ResponseEntity<StreamingResponseBody> json(@PathVariable String id) {
        return export(id, SnapshotExports.Format.JSON, "-yitihua");
    }

    /** Each export of the snapshot, newest first: how many of its forms are written. */
    @GetMapping("/snapshots/{id}/exports")
    @Allowed(value = {Role.AUDITOR, Role.ADMIN}, action = "read-export-progress")
    List<SnapshotExports.Progress> exports(@PathVariable String id) {
        snapshots.require(id);
        return exports.progress(id);
    }

    /** Streamed as it is written; the file is named after the snapshot (its id is ASCII). */
    private ResponseEntity<StreamingResponseBody> export(String id, SnapshotExports.Format format, String suffix) {
        Snapshots.Snapshot snapshot = snapshots.require(id);
        return ResponseEntity.ok()
                .header("Content-Type", format.contentType)
                .header("Content-Disposition", "attachment; filename=\"" + snapshot.id() + suffix + "." + format.extension + "\"")
                .body(out -> exports.write(snapshot, format, out));
    }

    static String who(Caller caller) {
        return caller.subject() != null ? caller.subject() : caller.client();
    }
}
