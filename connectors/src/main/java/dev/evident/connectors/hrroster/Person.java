package dev.evident.connectors.hrroster;

import java.time.LocalDate;

/** One validated roster row. */
record Person(String location, String email, String name, String department, String manager,
              String employmentType, LocalDate startDate, LocalDate endDate) {

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
