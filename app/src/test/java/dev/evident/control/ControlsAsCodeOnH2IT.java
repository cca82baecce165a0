package dev.evident.control;

import dev.evident.testing.H2Test;

@H2Test
class ControlsAsCodeOnH2IT extends ControlsAsCodeContract {
}
