package dev.evident.readiness;

import dev.evident.control.Control;
import dev.evident.program.Program;
import java.util.List;

/**
 * Judges whether a Type II program's controls operated over its period, from evidence coverage. The
 * evidence module provides the implementation; without one, readiness reports the Type II verdict as
 * not assessed rather than guessing.
 */
public interface TypeTwoAssessor {

    ReportVerdict assess(Program program, List<Control> applicableControls);
}
