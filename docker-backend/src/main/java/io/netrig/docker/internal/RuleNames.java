package io.netrig.docker.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rewrites the engine's rule texts into the lowering's names: the bridge devices Docker picked ({@code br-<network
 * id>}, or the lab-prefixed name netrig gave a bridge the spec names) become the lowering's names for the same
 * networks, so rules compare as text. Also tells which engine rules concern the lab at all (the machine's dockerd
 * has rules for networks that are not the lab's).
 */
public final class RuleNames {
    private final Map<String, String> engineToLowering;
    private final List<Pattern> labMentions;

    /** @param engineToLowering engine bridge device → the lowering's bridge device, for each of the lab's bridges (docker0 included) */
    public RuleNames(Map<String, String> engineToLowering, List<String> labAddresses) {
        this.engineToLowering = new LinkedHashMap<>(engineToLowering);
        List<Pattern> mentions = new java.util.ArrayList<>();
        engineToLowering.keySet().forEach(b -> mentions.add(word(b)));
        labAddresses.forEach(a -> mentions.add(word(a)));
        this.labMentions = List.copyOf(mentions);
    }

    /** The rule text with the engine's bridge names replaced by the lowering's. */
    public String toLowering(String engineText) {
        String out = engineText;
        for (var e : engineToLowering.entrySet()) {
            out = word(e.getKey()).matcher(out).replaceAll(java.util.regex.Matcher.quoteReplacement(e.getValue()));
        }
        return out;
    }

    /** Whether an engine rule names one of the lab's bridges or addresses. */
    public boolean mentionsLab(String engineText) {
        return labMentions.stream().anyMatch(p -> p.matcher(engineText).find());
    }

    private static Pattern word(String text) {
        return Pattern.compile("(?<=^|[\\s!])" + Pattern.quote(text) + "(?=$|[\\s/:])");
    }
}
