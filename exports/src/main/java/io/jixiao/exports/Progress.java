package io.jixiao.exports;

/** Told after each form written, so long exports can report how far they are. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> { };

    /** @param done forms written so far; @param total forms in all */
    void written(int done, int total);
}
