package dev.evident.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.evident.shared.security.PublicEndpoint;
import dev.evident.shared.security.RequiresPermission;
import dev.evident.shared.security.SignedIn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fails the build when a controller method does not declare exactly one access rule. */
class EndpointPermissionTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.evident");

    private static final List<Class<? extends java.lang.annotation.Annotation>> ACCESS =
            List.of(RequiresPermission.class, SignedIn.class, PublicEndpoint.class);

    @Test
    void everyControllerMethodDeclaresItsPermission() {
        methods().that(areRequestHandlers())
                .should(declareExactlyOneAccessRule())
                .because("every endpoint must say who may call it (see docs/adr/0005)")
                .check(CLASSES);
    }

    @Test
    void publicEndpointsSayWhyTheyArePublic() {
        methods().that().areAnnotatedWith(PublicEndpoint.class)
                .should(new ArchCondition<>("give a reason") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        String reason = method.getAnnotationOfType(PublicEndpoint.class).value();
                        if (reason == null || reason.isBlank()) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " gives no reason"));
                        }
                    }
                }).check(CLASSES);
    }

    private static DescribedPredicate<JavaMethod> areRequestHandlers() {
        return new DescribedPredicate<>("are request handlers in controllers") {
            @Override
            public boolean test(JavaMethod method) {
                boolean inController = method.getOwner().isAnnotatedWith(Controller.class)
                        || method.getOwner().isAnnotatedWith(RestController.class);
                return inController && method.isMetaAnnotatedWith(RequestMapping.class);
            }
        };
    }

    private static ArchCondition<JavaMethod> declareExactlyOneAccessRule() {
        return new ArchCondition<>("declare exactly one of @RequiresPermission, @SignedIn, @PublicEndpoint") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                long declared = ACCESS.stream().filter(method::isAnnotatedWith).count();
                if (declared != 1) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " declares " + declared
                            + " access rules; exactly one is required"));
                }
            }
        };
    }
}
