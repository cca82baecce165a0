package dev.evident.connectors.hrroster;

import java.time.LocalDate;
import java.util.List;

/** One validated roster row; {@code aliases} are the person's other work addresses, lower-cased. */
record Person(String location, String email, String name, String department, String manager,
              String employmentType, LocalDate startDate, LocalDate endDate, List<String> aliases) {

    /** Active until the end date has passed; the end date itself is the last working day. */
    String status(LocalDate today) {
        if (startDate.isAfter(today)) {
            return "future";
        }
        if (endDate != null && endDate.isBefore(today)) {
            return "terminated";
        }
        return "active";
    }
}
