package dev.evident.evidence.internal;

import java.util.List;

/**
 * The metadata of an upload (the {@code metadata} part of {@code POST /api/v1/evidence}, or the
 * upload form). Text values, so each mistake is reported against its field.
 *
 * @param kind          FILE (default) or LINK (then {@code url} is the captured page's address)
 * @param effectiveFrom the first day the evidence proves (YYYY-MM-DD)
 * @param effectiveTo   the last day it proves, included; defaults to {@code effectiveFrom}
 * @param collectedAt   when the evidence was collected (ISO-8601 instant); defaults to now
 * @param supersedes    the id of the item this one corrects; its links carry over
 */
public record NewEvidence(String kind, String title, String description, String url, String effectiveFrom,
                          String effectiveTo, String collectedAt, List<String> controlIds, List<String> programIds,
                          String supersedes) {
}
