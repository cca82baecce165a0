package dev.evident.platform;

import dev.evident.testing.H2Test;

@H2Test
class TenantIsolationOnH2IT extends TenantIsolationContract {
}
