/**
 * Compliance programs: one report (SOC 2 Type I as of a date, or Type II over a period of 3 to 12
 * months), the categories in scope (Security always; the others included or excluded with a
 * reason) and the system in scope described along DC 200. Other modules read programs through
 * {@link dev.evident.program.ProgramDirectory} and react to {@link dev.evident.program.ProgramEvents}.
 */
package dev.evident.program;
