package io.jixiao.importer;

import java.util.List;
import java.util.stream.Collectors;

/** What an import did, one result per project of the file, in file order. */
public record Report(List<Result> results) {

    /** How one project ended. */
    public enum Status {
        /** Every call went through and something was recorded now (a first import, or the rest of a partial one). */
        IMPORTED("imported"),
        /** Every call was answered as done before: the project was complete already; nothing changed. */
        ALREADY_IMPORTED("already imported"),
        /** The project failed validation; nothing of it was posted. */
        REJECTED("rejected"),
        /** A call was refused (or the gateway unreachable); the calls before it stay, a new run completes it. */
        FAILED("failed");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * @param index     position in the file, from 1
     * @param name      项目名称 (null when missing)
     * @param projectId null when it could not be derived
     * @param status    how it ended
     * @param reason    why it was rejected or failed; null otherwise
     * @param recorded  calls that recorded a new fact now
     * @param done      calls answered as done before (409 already-exists and the like, or DUPLICATE)
     * @param warnings  accepted and flagged
     * @param differences published figures the live form does not reproduce, as scoring-service flags them:
     *                    {@code funds.total.rate: published 86.19, computed 86.18}
     */
    public record Result(int index, String name, String projectId, Status status, String reason, int recorded, int done,
                         List<String> warnings, List<String> differences) {

        public Result {
            warnings = List.copyOf(warnings);
            differences = List.copyOf(differences);
        }

        public boolean ok() {
            return status == Status.IMPORTED || status == Status.ALREADY_IMPORTED;
        }

        /** {@code imported  2023-F1A2B3C4D5  展示运行  (24 calls: 24 recorded, 0 done before)}, then one line per warning. */
        public String line() {
            String who = (projectId == null ? "#" + index : projectId) + "  " + (name == null ? "(no name)" : name);
            String head = String.format("%-16s %s", status.text(), who);
            String tail = ok() ? "  (" + recorded + " recorded, " + done + " done before)" : ": " + reason;
            return head + tail + warnings.stream().map(w -> System.lineSeparator() + "    warning: " + w).collect(Collectors.joining())
                    + differences.stream().map(d -> System.lineSeparator() + "    differs from the published form: " + d)
                    .collect(Collectors.joining());
        }
    }

    public Report {
        results = List.copyOf(results);
    }

    /** True when no project was rejected or failed. */
    public boolean ok() {
        return results.stream().allMatch(Result::ok);
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public Result result(String projectId) {
        return results.stream().filter(r -> projectId.equals(r.projectId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for " + projectId));
    }

    @Override
    public String toString() {
        String lines = results.stream().map(Result::line).collect(Collectors.joining(System.lineSeparator()));
        return lines + System.lineSeparator() + String.format("%d projects: %d imported, %d already imported, %d rejected, %d failed",
                results.size(), count(Status.IMPORTED), count(Status.ALREADY_IMPORTED), count(Status.REJECTED), count(Status.FAILED));
    }
}
