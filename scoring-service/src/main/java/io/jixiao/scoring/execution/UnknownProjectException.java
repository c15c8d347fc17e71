package io.jixiao.scoring.execution;

import io.jixiao.platform.domain.DomainException;

/** No registered project-year has this id (fund figures of an unregistered project stay hidden). */
final class UnknownProjectException extends DomainException.NotFound {

    UnknownProjectException(String projectId) {
        super("unknown-project", "no project-year " + projectId + " is registered");
    }
}
