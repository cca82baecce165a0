package dev.evident.notification;

import dev.evident.testing.H2Test;

@H2Test
class NotificationDeliveryOnH2IT extends NotificationDeliveryContract {
}
