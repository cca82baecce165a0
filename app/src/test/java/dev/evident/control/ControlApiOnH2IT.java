package dev.evident.control;

import dev.evident.testing.H2Test;

@H2Test
class ControlApiOnH2IT extends ControlApiContract {
}
