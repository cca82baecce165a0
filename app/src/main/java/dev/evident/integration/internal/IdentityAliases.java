package dev.evident.integration.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which address names a person, when the same person is known by several: the roster's
 * {@code jane@acme.com} is Okta's {@code jane.doe@acme.com} when one of them lists the other as an alias.
 * Addresses an alias connects form one group; the group's person is its roster email. A group with no
 * roster email is still one person (an Okta and a Google account of someone the roster does not know),
 * named by its smallest address. A group that holds two roster emails is ambiguous (an alias points at
 * the wrong person, or two people share a mailbox): its addresses are left apart, each its own person.
 */
final class IdentityAliases {

    /** An address and the others it is known by, and whether the address is a roster person's. */
    record Entry(String email, List<String> aliases, boolean roster) {
    }

    static final IdentityAliases NONE = new IdentityAliases(Map.of(), Set.of());

    private final Map<String, String> canonical;
    private final Set<String> ambiguous;

    private IdentityAliases(Map<String, String> canonical, Set<String> ambiguous) {
        this.canonical = canonical;
        this.ambiguous = ambiguous;
    }

    static IdentityAliases of(List<Entry> entries) {
        Map<String, String> parent = new HashMap<>();
        Set<String> rosterEmails = new TreeSet<>();
        for (Entry e : entries) {
            String email = normalise(e.email());
            if (email == null) {
                continue;
            }
            parent.putIfAbsent(email, email);
            if (e.roster()) {
                rosterEmails.add(email);
            }
            for (String alias : e.aliases()) {
                String a = normalise(alias);
                if (a != null) {
                    parent.putIfAbsent(a, a);
                    union(parent, email, a);
                }
            }
        }
        Map<String, List<String>> groups = new HashMap<>();
        parent.keySet().forEach(address -> groups.computeIfAbsent(find(parent, address), k -> new ArrayList<>()).add(address));
        Map<String, String> canonical = new HashMap<>();
        Set<String> ambiguous = new TreeSet<>();
        for (List<String> group : groups.values()) {
            if (group.size() < 2) {
                continue;
            }
            List<String> people = group.stream().filter(rosterEmails::contains).sorted().toList();
            if (people.size() > 1) {
                ambiguous.addAll(group);
                continue;
            }
            String person = people.isEmpty() ? group.stream().sorted().findFirst().orElseThrow() : people.get(0);
            group.stream().filter(address -> !address.equals(person)).forEach(address -> canonical.put(address, person));
        }
        return new IdentityAliases(Map.copyOf(canonical), Set.copyOf(ambiguous));
    }

    /** The address that names the person known by {@code email}: itself unless an alias makes it another. */
    String person(String email) {
        if (email == null) {
            return null;
        }
        String normalised = email.strip().toLowerCase(Locale.ROOT);
        return canonical.getOrDefault(normalised, normalised);
    }

    /** Addresses left unjoined because their aliases reach more than one roster person. */
    Set<String> ambiguous() {
        return ambiguous;
    }

    /** The space-separated form stored with a resource, or null for none; at most {@code max} characters, whole addresses only. */
    static String column(List<String> aliases, int max) {
        StringBuilder out = new StringBuilder();
        for (String alias : aliases) {
            String a = normalise(alias);
            if (a == null || out.length() + a.length() + 1 > max) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(a);
        }
        return out.isEmpty() ? null : out.toString();
    }

    static List<String> fromColumn(String column) {
        return column == null || column.isBlank() ? List.of() : List.of(column.strip().split(" "));
    }

    private static String normalise(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        return a.isEmpty() || a.indexOf('@') <= 0 || a.indexOf(' ') >= 0 ? null : a;
    }

    private static String find(Map<String, String> parent, String x) {
        String root = x;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        while (!parent.get(x).equals(root)) {
            String next = parent.get(x);
            parent.put(x, root);
            x = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
