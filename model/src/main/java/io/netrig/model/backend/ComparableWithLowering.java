package io.netrig.model.backend;

import java.util.List;

/**
 * A running lab built by a real engine rather than from the lowered topology (the docker backend's): it can read back
 * what the engine made (network addresses, container addresses and MACs, the firewall rules the engine installed) and
 * list every difference from netrig's lowering of the same spec. Names the engine chooses at random (bridge names
 * {@code br-<id>}, container IDs) are normalised before comparing. {@code netrig check --compare-lowering} prints them.
 */
public interface ComparableWithLowering {
    /** Every difference, in a stable order (networks, then containers, then rules by table and chain); empty when none. */
    List<LoweringDifference> differencesFromLowering();
}
