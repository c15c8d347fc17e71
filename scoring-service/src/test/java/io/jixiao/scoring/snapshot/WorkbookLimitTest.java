package io.jixiao.scoring.snapshot;

import io.jixiao.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A snapshot too large for one workbook is refused before the service's heap fills (the other formats stream flat). */
class WorkbookLimitTest {

    @Test
    void upToTheLimitAWorkbookIsWrittenBeyondItRefused() {
        assertThatCode(() -> SnapshotController.requireWorkbookFits(2000, 2000)).doesNotThrowAnyException();
        assertThatCode(() -> SnapshotController.requireWorkbookFits(0, 2000)).doesNotThrowAnyException();
        assertThatThrownBy(() -> SnapshotController.requireWorkbookFits(2001, 2000))
                .isInstanceOf(DomainException.RuleViolation.class)
                .hasMessageContaining("at most 2000").hasMessageContaining("2001").hasMessageContaining("per department");
    }
}
