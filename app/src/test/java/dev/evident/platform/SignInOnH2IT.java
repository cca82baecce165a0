package dev.evident.platform;

import dev.evident.testing.H2Test;

@H2Test
class SignInOnH2IT extends SignInContract {
}
