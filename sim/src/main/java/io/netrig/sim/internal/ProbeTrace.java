package io.netrig.sim.internal;

import io.netrig.model.firewall.RuleRef;
import io.netrig.sim.core.Trace;
import java.util.ArrayList;
import java.util.List;

/** The trace of a probe's packets: its steps (kept when recording) and the drop list all traces of one probe share. */
final class ProbeTrace implements Trace {
    private final boolean recording;
    private final List<String> steps = new ArrayList<>();
    private final List<RuleRef> drops;
    private final List<String> balanced;

    ProbeTrace(boolean recording, List<RuleRef> drops, List<String> balanced) {
        this.recording = recording;
        this.drops = drops;
        this.balanced = balanced;
    }

    @Override
    public boolean recording() {
        return recording;
    }

    @Override
    public void step(String text) {
        if (recording) {
            steps.add(text);
        }
    }

    @Override
    public void dropped(RuleRef rule) {
        drops.add(rule);
    }

    @Override
    public void balanced(String how) {
        if (!balanced.contains(how)) {
            balanced.add(how);
        }
    }

    List<String> steps() {
        return List.copyOf(steps);
    }
}
