package dev.cs231n.classic.solver;

/**
 * Told about each accuracy check of a {@link CourseSolver} (after the first iteration and after every epoch), after the
 * epoch's checkpoint is written. An exception thrown here stops training; the run can resume from the checkpoint.
 */
@FunctionalInterface
public interface EpochListener {

    /** @param report the check's figures */
    void onCheck(EpochReport report);
}
