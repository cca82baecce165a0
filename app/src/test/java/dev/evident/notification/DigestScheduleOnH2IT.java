package dev.evident.notification;

import dev.evident.testing.H2Test;

@H2Test
class DigestScheduleOnH2IT extends DigestScheduleContract {
}
