package dev.evident.identity.internal.ui;

import dev.evident.identity.internal.OrganizationService;
import dev.evident.identity.internal.Users;
import dev.evident.identity.internal.security.ActorResolver;
import dev.evident.shared.security.Actor;
import dev.evident.shared.security.ActorType;
import dev.evident.shared.web.NavigationItem;
import dev.evident.shared.web.PageLayout;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Adds the layout model (user, organization switcher, navigation) to every page for signed-in users. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModelAdvice implements PageLayout {

    private static final List<String> SECTION_ORDER = List.of("Overview", "Program", "Operations", "Organization");

    private final ActorResolver actors;
    private final OrganizationService organizations;
    private final Users users;
    private final List<NavigationItem> items;

    LayoutModelAdvice(ActorResolver actors, OrganizationService organizations, Users users, List<NavigationItem> items) {
        this.actors = actors;
        this.organizations = organizations;
        this.users = users;
        this.items = items;
    }

    @Override
    public Object layoutFor(HttpServletRequest request) {
        return layout(request);
    }

    @ModelAttribute("layout")
    LayoutModel layout(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return null;
        }
        Actor actor = actors.resolve(request).filter(a -> a.type() == ActorType.USER).orElse(null);
        if (actor == null) {
            return null;
        }
        var user = users.find(actor.userId()).orElse(null);
        if (user == null) {
            return null;
        }
        var orgs = organizations.organizationsOf(actor.userId()).stream()
                .map(o -> new LayoutModel.OrgChoice(o.id(), o.name(), o.id().equals(actor.orgId()))).toList();
        String orgName = orgs.stream().filter(LayoutModel.OrgChoice::current).map(LayoutModel.OrgChoice::name)
                .findFirst().orElse(null);
        Map<String, List<NavigationItem>> grouped = items.stream()
                .filter(i -> actor.can(i.permission()))
                .sorted(Comparator.comparingInt(NavigationItem::order))
                .collect(Collectors.groupingBy(NavigationItem::section, LinkedHashMap::new, Collectors.toList()));
        List<LayoutModel.NavSection> sections = grouped.entrySet().stream()
                .sorted(Comparator.comparingInt(e -> sectionRank(e.getKey())))
                .map(e -> new LayoutModel.NavSection(e.getKey(), e.getValue())).toList();
        return new LayoutModel(user.displayName(), user.email(), actor.orgId(), orgName, actor.role(), orgs, sections, path);
    }

    private static int sectionRank(String section) {
        int i = SECTION_ORDER.indexOf(section);
        return i < 0 ? SECTION_ORDER.size() : i;
    }
}
