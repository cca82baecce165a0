package dev.evident.identity.internal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session-fixation defence for a change of privilege: the current session is ended and a new one,
 * with the same attributes, takes its place.
 *
 * <p>Only renaming the session ({@code changeSessionId}) is not enough with sessions in the
 * database: the row keeps its primary key, and a request still in flight with the old id (the
 * sign-in page's favicon, a second tab) rewrites the row's session id back to the old one when it
 * saves, which signs the user out. A new session has a new row; a late save of the old one
 * changes nothing.
 */
final class SessionRenewal {

    private SessionRenewal() {
    }

    static HttpSession renew(HttpServletRequest request) {
        HttpSession current = request.getSession(false);
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (current != null) {
            for (String name : Collections.list(current.getAttributeNames())) {
                attributes.put(name, current.getAttribute(name));
            }
            current.invalidate();
        }
        HttpSession renewed = request.getSession(true);
        attributes.forEach(renewed::setAttribute);
        return renewed;
    }
}
