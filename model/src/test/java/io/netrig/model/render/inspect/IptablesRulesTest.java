package io.netrig.model.render.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netrig.model.firewall.Chain;
import io.netrig.model.firewall.Match;
import io.netrig.model.firewall.Policy;
import io.netrig.model.firewall.Rule;
import io.netrig.model.firewall.Ruleset;
import io.netrig.model.firewall.Table;
import io.netrig.model.firewall.TableName;
import io.netrig.model.firewall.Target;
import io.netrig.model.topology.Provenance;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IptablesRulesTest {
    private static final Provenance P = Provenance.of("test");

    @Test
    void printsPoliciesThenSortedUserChainsThenRulesWithoutCountersOrCommit() {
        // chains deliberately out of order: -S lists built-ins in hook order, user chains by name
        Table filter = new Table(TableName.FILTER, List.of(
                new Chain("DOCKER-USER", Optional.empty(), List.of(Rule.of(new Target.Return(), P))),
                new Chain("OUTPUT", Optional.of(Policy.ACCEPT), List.of()),
                new Chain("FORWARD", Optional.of(Policy.DROP), List.of(Rule.of(new Target.Jump("DOCKER-USER"), P),
                        Rule.of(new Target.Drop(), P, new Match.InInterface("docker0", false), new Match.OutInterface("docker0", false)))),
                new Chain("DOCKER", Optional.empty(), List.of()),
                new Chain("INPUT", Optional.of(Policy.ACCEPT), List.of())));
        assertEquals("""
                -P INPUT ACCEPT
                -P FORWARD DROP
                -P OUTPUT ACCEPT
                -N DOCKER
                -N DOCKER-USER
                -A FORWARD -j DOCKER-USER
                -A FORWARD -i docker0 -o docker0 -j DROP
                -A DOCKER-USER -j RETURN
                """, IptablesRules.render(Optional.of(new Ruleset("h", List.of(filter))), TableName.FILTER));
    }

    @Test
    void aTableWithoutRulesShowsOnlyItsAcceptPolicies() {
        assertEquals("""
                -P PREROUTING ACCEPT
                -P INPUT ACCEPT
                -P OUTPUT ACCEPT
                -P POSTROUTING ACCEPT
                """, IptablesRules.render(Optional.empty(), TableName.NAT));
    }
}
