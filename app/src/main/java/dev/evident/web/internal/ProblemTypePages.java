package dev.evident.web.internal;

import dev.evident.shared.problem.NotFoundException;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.security.PublicEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The "type" URI of every API problem resolves to a page that explains it (RFC 9457 §3.1.1). */
@Controller
class ProblemTypePages {

    @GetMapping("/api/problems")
    @PublicEndpoint("reference documentation of the API's error types")
    String index(Model model) {
        model.addAttribute("types", ProblemType.values());
        return "problem-types";
    }

    @GetMapping("/api/problems/{slug}")
    @PublicEndpoint("reference documentation of the API's error types")
    String type(@PathVariable String slug, Model model) {
        model.addAttribute("types", new ProblemType[] {ProblemType.bySlug(slug).orElseThrow(() -> new NotFoundException("Problem type"))});
        return "problem-types";
    }
}
