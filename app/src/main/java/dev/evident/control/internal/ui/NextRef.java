package dev.evident.control.internal.ui;

import dev.evident.catalog.ControlDomain;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Suggests the reference of a new control: the domain's first prefix and the next free number (AC-24). */
final class NextRef {

    private NextRef() {
    }

    static String suggest(ControlDomain domain, Collection<String> taken) {
        String prefix = domain.idPrefixes().get(0);
        Pattern numbered = Pattern.compile(Pattern.quote(prefix) + "-(\\d{1,9})");
        int highest = 0;
        for (String ref : taken) {
            Matcher m = numbered.matcher(ref);
            if (m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        // above the highest number in use, so never taken, even when numbers have gaps
        return prefix + "-" + String.format("%02d", highest + 1);
    }
}
