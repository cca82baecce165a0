package dev.evident.monitoring.internal;

/**
 * Another resource type a check reads, as a list variable named {@code as}. Which resources of that
 * type land in the list for one evaluated resource:
 * <ul>
 *   <li>{@code on: person} (or {@code on: personEmail}): those whose identity key equals the evaluated resource's identity key. The
 *       identity key is {@code personEmail} (the inventory's account-to-person link), else the lower-cased
 *       {@code email} attribute, so an HR person and the accounts of that person meet;</li>
 *   <li>{@code on: all}: every resource of the type (for counts, such as "at most N owners");</li>
 *   <li>{@code key} and {@code resourceKey}: CEL expressions over {@code resource}, evaluated on the
 *       joined resource and on the evaluated resource; equal, non-null values join.</li>
 * </ul>
 * Nothing here names a source: a new connector's types join by adding a check definition.
 */
public record CheckJoin(String as, String type, String on, String key, String resourceKey) {

    public static final String ON_PERSON = "person";
    public static final String ON_ALL = "all";

    public boolean byPerson() {
        return ON_PERSON.equals(on) || "personEmail".equals(on);
    }

    public boolean onAll() {
        return ON_ALL.equals(on);
    }

    public boolean byExpression() {
        return on == null || on.isBlank();
    }
}
