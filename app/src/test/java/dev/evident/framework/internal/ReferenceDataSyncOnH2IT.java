package dev.evident.framework.internal;

import dev.evident.testing.H2Test;

@H2Test
class ReferenceDataSyncOnH2IT extends ReferenceDataSyncContract {
}
