package dev.evident.architecture;

import dev.evident.EvidentApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Modules talk only through each other's root package (API) and events; no cycles. */
class ModuleBoundariesTest {

    private final ApplicationModules modules = ApplicationModules.of(EvidentApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void moduleDiagramIsWritten() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
    }
}
