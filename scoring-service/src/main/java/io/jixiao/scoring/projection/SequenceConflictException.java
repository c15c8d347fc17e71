package io.jixiao.scoring.projection;

/**
 * A record claims a (stream, project, sequence) already applied from a different event: not a redelivery but
 * an inconsistency upstream. Retrying cannot help, so the record is dead-lettered for a human to look at.
 */
final class SequenceConflictException extends RuntimeException {

    SequenceConflictException(String message) {
        super(message);
    }
}
