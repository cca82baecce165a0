package dev.evident.program;

import dev.evident.testing.H2Test;

@H2Test
class ProgramApiOnH2IT extends ProgramApiContract {
}
