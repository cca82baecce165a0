package dev.evident.verifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds correctly linked chains that tests then damage in specific ways. */
public final class ChainFixtures {

    private ChainFixtures() {
    }

    public static List<ChainLink> validChain(int length) {
        List<ChainLink> links = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("action", "control.updated");
            content.put("actor", "user-" + seq);
            content.put("details", Map.of("controlId", "C-" + seq, "attempt", (long) seq));
            String hash = HashChain.link(prev, content);
            links.add(new ChainLink(seq, "entry-" + seq, prev, hash, content));
            prev = hash;
        }
        return links;
    }

    public static ChainLink withContent(ChainLink link, Map<String, Object> content) {
        return new ChainLink(link.seq(), link.id(), link.prevHash(), link.hash(), content);
    }

    public static ChainLink withHash(ChainLink link, String hash) {
        return new ChainLink(link.seq(), link.id(), link.prevHash(), hash, link.content());
    }
}
