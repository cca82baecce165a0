/**
 * Readiness (gap assessment) of a program: per criterion in scope, the mapped controls and a verdict;
 * scores per category and overall; a ranked remediation list; history over time; the control
 * matrix as CSV and XLSX. The Type II verdict is filled by a {@link dev.evident.readiness.TypeTwoAssessor}
 * that the evidence module provides; until then it reads "not assessed".
 */
package dev.evident.readiness;
