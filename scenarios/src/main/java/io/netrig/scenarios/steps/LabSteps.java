package io.netrig.scenarios.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.netrig.model.backend.Observation;
import io.netrig.model.backend.Outcome;
import io.netrig.model.backend.Probe;
import io.netrig.model.check.Expectation;
import io.netrig.model.check.LabCheck;
import io.netrig.model.check.ProbeResolver;
import io.netrig.model.check.Verdict;
import io.netrig.model.net.Ipv4Address;
import io.netrig.model.spec.ExpectedResult;
import io.netrig.model.spec.LabEdits;
import io.netrig.model.spec.ProbeSpec;
import io.netrig.model.spec.ValidatedLab;
import io.netrig.model.spec.yaml.YamlSpecLoader;
import io.netrig.model.topology.Iface;
import io.netrig.scenarios.report.ResultTable;
import io.netrig.scenarios.run.BackendSelection;
import io.netrig.scenarios.run.LabRun;
import java.util.List;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * The lab steps: load or declare a lab, probe it, assert outcomes. The backends come from
 * {@code -Dnetrig.backend=sim|kernel|both}; with both, every probe runs on each backend and the step also fails
 * when they disagree, printing both observations.
 */
public final class LabSteps {
    private final BackendSelection backends = BackendSelection.fromSystemProperty();
    private Scenario scenario;
    private ScenarioLab state;

    @Before
    public void requireWhatTheBackendsNeed(Scenario s) {
        this.scenario = s;
        this.state = ScenarioLab.begin(backends, s);
        if (backends.names().contains("kernel") && !KernelAccess.available()) {
            throw new TestAbortedException("kernel backend skipped: " + KernelAccess.whyNot());
        }
        if (s.getSourceTagNames().contains("@kernel-only") && !backends.names().contains("kernel")) {
            throw new TestAbortedException("scenario is @kernel-only and this run uses " + backends.names());
        }
        if (s.getSourceTagNames().contains("@sim-only") && !backends.names().equals(List.of("sim"))) {
            throw new TestAbortedException("scenario is @sim-only and this run uses " + backends.names());
        }
    }

    @After
    public void closeLab() {
        state.end();
    }

    /** After the lab is closed (a lower order runs later), when its captures are in their files: diagram and links. */
    @After(order = 1000)
    public void attachReport() {
        state.declaredTopology().ifPresent(t -> ScenarioReport.attach(scenario, t, state.workDir(), state.keptFiles()));
    }

    @Given("the lab spec {string}")
    public void theLabSpec(String file) {
        use(YamlSpecLoader.loadValidated(ProjectFiles.resolve(file)));
    }

    @Given("the lab:")
    public void theLab(String yaml) {
        use(YamlSpecLoader.parseValidated("scenario '" + scenario.getName() + "'", yaml));
    }

    private void use(ValidatedLab validated) {
        state.use(validated);
    }

    private LabRun running() {
        return state.running();
    }

    private Verdict probe(String from, String to, ExpectedResult expected) {
        return probe(new ProbeSpec.PingSpec(from, to, 1), expected);
    }

    private static ProbeSpec transport(String kind, String from, String to, int port) {
        return switch (kind) {
            case "tcp" -> new ProbeSpec.TcpSpec(from, to, port);
            case "udp" -> new ProbeSpec.UdpSpec(from, to, port);
            default -> throw new IllegalArgumentException("probe kind '" + kind + "' is not tcp or udp");
        };
    }

    private static ExpectedResult result(String word) {
        return ExpectedResult.tryParse(word).orElseThrow(() -> new IllegalArgumentException("'" + word
                + "' is not a result (expected ok, fail, dropped, no-route, unreachable, refused, timeout or not-found)"));
    }

    private Verdict probe(ProbeSpec spec, ExpectedResult expected) {
        Probe probe = new ProbeResolver(state.topology()).resolve(spec);
        Verdict v = LabCheck.run(List.of(new Expectation(probe, expected)), running().labs()).getFirst();
        scenario.log(ResultTable.render(List.of(v)));
        if (!v.backendsAgree()) {
            fail("backends disagree on " + probe.describe() + ":\n" + ResultTable.render(List.of(v)));
        }
        return v;
    }

    private static String describe(Verdict v) {
        return v.observations().stream().map(o -> o.backend() + ": " + o.observation().outcome()
                        + (o.observation().answers().isEmpty() ? "" : " " + o.observation().answers()) + " (" + o.observation().reason() + ")")
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    @Then("{word} can ping {word}")
    public void canPing(String from, String to) {
        Verdict v = probe(from, to, ExpectedResult.OK);
        assertTrue(v.expectationHolds(), "expected " + from + " -> " + to + " ping to be answered, but " + describe(v));
    }

    @Then("{word} cannot ping {word}")
    public void cannotPing(String from, String to) {
        Verdict v = probe(from, to, ExpectedResult.FAIL);
        assertTrue(v.expectationHolds(), "expected " + from + " -> " + to + " ping to fail, but it was answered");
    }

    @Then("{word} can connect to {word} on port {int}")
    public void canConnect(String from, String to, int port) {
        Verdict v = probe(new ProbeSpec.TcpSpec(from, to, port), ExpectedResult.OK);
        assertTrue(v.expectationHolds(), "expected " + from + " -> " + to + ":" + port + " tcp connect to succeed, but " + describe(v));
    }

    @Then("{word} cannot connect to {word} on port {int}")
    public void cannotConnect(String from, String to, int port) {
        Verdict v = probe(new ProbeSpec.TcpSpec(from, to, port), ExpectedResult.FAIL);
        assertTrue(v.expectationHolds(), "expected " + from + " -> " + to + ":" + port + " tcp connect to fail, but it succeeded");
    }

    @Then("{word} from {word} to {word} port {int} is {word}")
    public void transportResult(String kind, String from, String to, int port, String word) {
        ExpectedResult expected = result(word);
        Verdict v = probe(transport(kind, from, to, port), expected);
        assertTrue(v.expectationHolds(), "expected " + kind + " " + from + " -> " + to + ":" + port + " to be " + word + ", but "
                + describe(v));
    }

    @Then("ping from {word} to {word} is {word}")
    public void pingResult(String from, String to, String word) {
        Verdict v = probe(from, to, result(word));
        assertTrue(v.expectationHolds(), "expected ping " + from + " -> " + to + " to be " + word + ", but " + describe(v));
    }

    @Then("{word} from {word} to {word} port {int} is dropped in chain {word}")
    public void transportDroppedInChain(String kind, String from, String to, int port, String chain) {
        assertDroppedIn(probe(transport(kind, from, to, port), ExpectedResult.DROPPED), kind + " " + from + " -> " + to + ":" + port, chain);
    }

    @Then("ping from {word} to {word} is dropped in chain {word}")
    public void droppedInChain(String from, String to, String chain) {
        assertDroppedIn(probe(from, to, ExpectedResult.DROPPED), "ping " + from + " -> " + to, chain);
    }

    private static void assertDroppedIn(Verdict v, String what, String chain) {
        for (Verdict.BackendObservation o : v.observations()) {
            Observation obs = o.observation();
            assertEquals(Outcome.DROPPED, obs.outcome(), o.backend() + ": expected " + what
                    + " to be dropped in " + chain + ", but it was " + obs.outcome() + " (" + obs.reason() + ")");
            assertEquals(Optional.of(chain), obs.rule().map(r -> r.chain()), o.backend() + ": expected the drop in chain "
                    + chain + ", but it was " + obs.reason());
        }
    }

    @Then("ping from {word} to {word} has no route")
    public void noRoute(String from, String to) {
        Verdict v = probe(from, to, ExpectedResult.NO_ROUTE);
        assertTrue(v.expectationHolds(), "expected " + from + " -> " + to + " to have no route, but " + describe(v));
    }

    @When("{word} is connected to network {word}")
    public void connect(String container, String network) {
        change(LabEdits.connect(state.lab(), container, network, Optional.empty(), List.of()));
    }

    @When("{word} is connected to network {word} with ip {word}")
    public void connectWithIp(String container, String network, String ip) {
        change(LabEdits.connect(state.lab(), container, network, Optional.of(Ipv4Address.parse(ip)), List.of()));
    }

    @When("{word} is connected to network {word} with alias {word}")
    public void connectWithAlias(String container, String network, String alias) {
        change(LabEdits.connect(state.lab(), container, network, Optional.empty(), List.of(alias)));
    }

    @When("{word} is disconnected from network {word}")
    public void disconnect(String container, String network) {
        change(LabEdits.disconnect(state.lab(), container, network));
    }

    /** The lab after a docker network connect/disconnect: the running labs (started now if need be) follow it. */
    private void change(ValidatedLab next) {
        state.change(next);
    }

    @Then("{word} resolves {word}")
    public void resolves(String from, String name) {
        Verdict v = probe(new ProbeSpec.LookupSpec(from, name), ExpectedResult.OK);
        assertTrue(v.expectationHolds(), "expected " + from + " to resolve " + name + ", but " + describe(v));
    }

    @Then("{word} resolves {word} to {word}")
    public void resolvesTo(String from, String name, String address) {
        Verdict v = probe(new ProbeSpec.LookupSpec(from, name), ExpectedResult.OK);
        assertTrue(v.expectationHolds(), "expected " + from + " to resolve " + name + ", but " + describe(v));
        Ipv4Address expected = Ipv4Address.parse(address);
        for (Verdict.BackendObservation o : v.observations()) {
            assertTrue(o.observation().answers().contains(expected), o.backend() + ": expected " + name + " to resolve to "
                    + address + " from " + from + ", but it resolved to " + o.observation().answers());
        }
    }

    @Then("{word} cannot resolve {word}")
    public void cannotResolve(String from, String name) {
        Verdict v = probe(new ProbeSpec.LookupSpec(from, name), ExpectedResult.NOT_FOUND);
        assertTrue(v.expectationHolds(), "expected " + from + " not to resolve " + name + ", but " + describe(v));
    }

    @Then("{word} has address {word} on {word}")
    public void hasAddress(String name, String address, String dev) {
        String ns = namespaceOf(name);
        List<String> on = state.topology().addressesIn(ns).stream().filter(a -> a.ref().name().value().equals(dev))
                .map(a -> a.address().toString()).toList();
        assertTrue(on.contains(address), name + " " + dev + ": expected address " + address + ", the lab gives it " + on);
    }

    @Then("{word} has MAC {word} on {word}")
    public void hasMac(String name, String mac, String dev) {
        Iface iface = iface(name, dev);
        assertEquals(mac, iface.mac().map(Object::toString).orElse("(chosen by the backend)"), name + " " + dev + " MAC");
    }

    @Then("{word} has MTU {int} on {word}")
    public void hasMtu(String name, int mtu, String dev) {
        assertEquals(mtu, iface(name, dev).mtu(), name + " " + dev + " MTU");
    }

    @Then("{word} has a default route via {word}")
    public void defaultRouteVia(String name, String gateway) {
        List<String> via = state.topology().routesIn(namespaceOf(name)).stream().filter(r -> r.destination().isDefault())
                .map(r -> r.via().map(Object::toString).orElse("dev " + r.dev().map(Object::toString).orElse("?"))).toList();
        assertEquals(List.of(gateway), via, name + ": default routes");
    }

    @Then("{word} has a default route out of {word} without a gateway")
    public void defaultRouteOutOf(String name, String dev) {
        List<String> routes = state.topology().routesIn(namespaceOf(name)).stream().filter(r -> r.destination().isDefault())
                .map(r -> r.via().map(v -> "via " + v).orElse("dev " + r.dev().map(Object::toString).orElse("?"))).toList();
        assertEquals(List.of("dev " + dev), routes, name + ": default routes");
    }

    private String namespaceOf(String name) {
        return state.topology().namespaceOf(name).orElseThrow(() -> new AssertionError("'" + name + "' is not a host or container of the lab"));
    }

    private Iface iface(String name, String dev) {
        String ns = namespaceOf(name);
        return state.topology().ifacesIn(ns).stream().filter(i -> i.ref().name().value().equals(dev)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no interface " + dev + " (it has " + state.topology().linkNamesIn(ns) + ")"));
    }

    @Then("every expectation of the lab holds")
    public void everyExpectationHolds() {
        List<Verdict> verdicts = LabCheck.run(LabCheck.expectations(state.lab().spec(), state.topology()), running().labs());
        String table = ResultTable.render(verdicts);
        scenario.log(table);
        assertTrue(verdicts.stream().allMatch(Verdict::passed), "some expectations do not hold:\n" + table);
    }
}
