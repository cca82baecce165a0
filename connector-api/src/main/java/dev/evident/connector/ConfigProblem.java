package dev.evident.connector;

/** Why a value for {@code field} is not acceptable, phrased for the person filling in the form. */
public record ConfigProblem(String field, String message) {
}
