package dev.evident.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Builds the model attribute {@code layout} (who is signed in, the organization switcher, the
 * navigation) for a page request. Controllers get it from a controller advice; error pages, which
 * Spring renders without that advice, ask for it here so a 403 or 404 still shows the navigation.
 */
public interface PageLayout {

    /** The layout for the signed-in user making the request, or null for anyone else. */
    Object layoutFor(HttpServletRequest request);
}
