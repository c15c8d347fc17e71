package io.jixiao.platform.integrity;

/**
 * What a walk over the event store and its chain found: how much it checked, whether all of it holds, and the
 * first problem in position order (with how many there were in all).
 */
public record Verification(long rowsChecked, long checkpointsChecked, boolean ok, long problems, Problem firstProblem) {

    public enum Kind {
        /** the event row is there, but its columns no longer hash to the chain's hash for that position */
        MODIFIED,
        /** the chain has a row for a position the event store no longer has */
        DELETED,
        /** the event store has a row the chain never recorded */
        INSERTED,
        /** a checkpoint's signed head differs from the chain at its position, or the chain no longer reaches it */
        CHECKPOINT_MISMATCH,
        /** a checkpoint's signature does not verify, or it was signed with another key than this service's */
        BAD_SIGNATURE
    }

    /**
     * @param globalIndex         the position in the event store
     * @param eventIdentifier     the event's identifier, when the event row is there
     * @param aggregateIdentifier the event's aggregate (the project-year), when the event row is there
     * @param checkpointId        the checkpoint concerned, for the checkpoint kinds
     * @param description         a sentence for the auditor
     */
    public record Problem(Kind kind, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                          Long checkpointId, String description) {
    }
}
