package dev.peersteam.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peersteam.agent.sim.BehaviourScript.Behaviour;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptLoaderTest {

    @Test
    void theExampleTeamScriptLoads() throws Exception {
        BehaviourScript script = ScriptLoader.load(
                Path.of(getClass().getResource("/sim/example.yaml").toURI()));

        assertThat(script.roles()).containsOnlyKeys("manager", "backend", "qa", "*");
        Behaviour manager = script.forRole("manager");
        assertThat(manager.costPerTurn()).isEqualByComparingTo("0.02");
        assertThat(manager.rules())
                .extracting(Rule::on)
                .containsExactly(Rule.Trigger.START, Rule.Trigger.MESSAGE, Rule.Trigger.MESSAGE);
        assertThat(manager.rules().getFirst().steps())
                .hasExactlyElementsOfTypes(
                        Step.Say.class, Step.Tool.class, Step.Tool.class, Step.Send.class, Step.Say.class);
        Rule backend = script.forRole("backend").rules().getFirst();
        assertThat(backend.on()).isEqualTo(Rule.Trigger.TASK);
        assertThat(backend.once()).isTrue();
        assertThat(backend.steps().get(1))
                .isEqualTo(new Step.Write("api/items.txt", "GET /items -> [\"apple\", \"pear\"]\n"));
        assertThat(backend.steps().get(2)).isEqualTo(new Step.Commit("backend: GET /items ($task)"));
        assertThat(script.forRole("nobody").rules()).hasSize(1); // only the "*" rule
    }

    @Test
    void toolInputsKeepYamlTypes() throws Exception {
        BehaviourScript script = ScriptLoader.parse("""
                roles:
                  a:
                    rules:
                      - on: message
                        do:
                          - tool: {name: create_task, input: {title: x, depends_on: [T1, T2], priority: 3, urgent: true, note: null}}
                """, "t.yaml");
        Step.Tool tool =
                (Step.Tool) script.forRole("a").rules().getFirst().steps().getFirst();
        assertThat(tool.input().toString())
                .isEqualTo(
                        "{\"title\":\"x\",\"depends_on\":[\"T1\",\"T2\"],\"priority\":3,\"urgent\":true,\"note\":null}");
    }

    @Test
    void variablesAreFilledInFromTheMessage() {
        Incoming message = new Incoming(null, "[from manager] please do T12 and T13");
        Variables vars = Variables.of(message, "backend");

        assertThat(vars).isEqualTo(new Variables("T12", "manager", "backend", "please do T12 and T13"));
        assertThat(vars.expand("$role: $task from ${from}; $text"))
                .isEqualTo("backend: T12 from manager; please do T12 and T13");
        assertThat(vars.expand("echo $HOME $texts $")).isEqualTo("echo $HOME $texts $");
        assertThat(new Step.Send("$from", "done $task").expand(vars)).isEqualTo(new Step.Send("manager", "done T12"));
        assertThat(Variables.of(new Incoming(null, "no prefix, no task"), "qa"))
                .isEqualTo(new Variables("", "", "qa", "no prefix, no task"));
    }

    @Test
    void aSleepFromTextWaitsAsLongAsTheMessageSays() throws Exception {
        BehaviourScript script = ScriptLoader.parse("""
                roles:
                  w:
                    rules:
                      - on: task
                        do:
                          - sleep: {from_text: 'takes (\\d+) ms', default: 25}
                          - sleep: {from_text: 'never (\\d+)'}
                """, "t.yaml");
        Playbook playbook = new Playbook(script.forRole("w"));

        assertThat(playbook.stepsFor(
                        new Incoming(null, "[from board · m3] Task T7 is yours: build\ntakes 1234 ms\n"), false))
                .containsExactly(new Step.Sleep(1234), new Step.Sleep(0));
        assertThat(playbook.stepsFor(new Incoming(null, "[from board] Task T8 has no duration"), false))
                .as("no match: the default")
                .containsExactly(new Step.Sleep(25), new Step.Sleep(0));
        assertThat(playbook.stepsFor(new Incoming(null, "[from board] T9 takes 99999999999999999999 ms"), false))
                .as("a number too large for a long: the default")
                .containsExactly(new Step.Sleep(25), new Step.Sleep(0));
    }

    @Test
    void theFirstMatchingRuleWinsAndUnmatchedMessagesGetANote() throws Exception {
        BehaviourScript script = ScriptLoader.parse("""
                roles:
                  qa:
                    rules:
                      - on: start
                        do: [{say: first}]
                      - on: task
                        from: backend
                        do: [{say: "task $task"}]
                      - on: message
                        contains: URGENT
                        once: true
                        do: [{say: urgent}]
                """, "t.yaml");
        Playbook playbook = new Playbook(script.forRole("qa"));

        assertThat(playbook.stepsFor(new Incoming(null, "[from backend] T4"), true))
                .containsExactly(new Step.Say("first"));
        assertThat(playbook.stepsFor(new Incoming(null, "[from backend] T4"), false))
                .containsExactly(new Step.Say("task T4"));
        assertThat(playbook.stepsFor(new Incoming(null, "[from manager] T4"), false))
                .containsExactly(new Step.Say("Noted: T4"));
        assertThat(playbook.stepsFor(new Incoming(null, "this is urgent"), false))
                .containsExactly(new Step.Say("urgent"));
        assertThat(playbook.stepsFor(new Incoming(null, "this is urgent"), false))
                .as("once")
                .containsExactly(new Step.Say("Noted: this is urgent"));
    }

    @Test
    void costAndFaultsAreLayeredScriptThenAnyRoleThenTheRole() throws Exception {
        BehaviourScript script = ScriptLoader.parse("""
                cost_per_turn: 0.5
                faults: {slow_ms: 5, garbage_every: 9}
                roles:
                  "*":
                    faults: {slow_ms: 7}
                  qa:
                    cost_per_turn: 1.25
                    faults: {crash_after_turns: 0}
                """, "t.yaml");

        Behaviour qa = script.forRole("qa");
        assertThat(qa.costPerTurn()).isEqualByComparingTo("1.25");
        assertThat(qa.faults()).isEqualTo(new Faults(0, 9, 7, null, null));
        assertThat(script.forRole("dev").costPerTurn()).isEqualByComparingTo("0.5");
        assertThat(BehaviourScript.EMPTY.forRole("x").costPerTurn()).isEqualByComparingTo(new BigDecimal("0.01"));
        assertThat(ScriptLoader.parse("", "empty.yaml")).isEqualTo(BehaviourScript.EMPTY);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "roles: {a: {rules: [{on: message, do: [{writ: x}]}]}}|t.yaml:1:40: unknown step 'writ'",
                "roles: {a: {rules: [{on: never, do: [{say: x}]}]}}|t.yaml:1:26: unknown trigger 'never'",
                "roles: {a: {rules: [{on: message}]}}|t.yaml:1:21: a rule needs 'do'",
                "roles: {a: {rules: [{on: message, do: [{say: x, bash: y}]}]}}|t.yaml:1:40: a step is one key",
                "roles: {a: {rules: [{on: message, do: [{sleep: soon}]}]}}|t.yaml:1:48: 'sleep' must be a whole number",
                "roles: {a: {rules: [{on: message, do: [{sleep: {from_text: \"(\"}}]}]}}|t.yaml:1:60: 'from_text' is not a valid regular expression",
                "roles: {a: {rules: [{on: message, do: [{sleep: {from_text: ms}}]}]}}|t.yaml:1:60: 'from_text' needs a group",
                "roles: {a: {rules: [{on: message, do: [{sleep: {from: ms}}]}]}}|t.yaml:1:49: unknown key 'from' in 'sleep'",
                "roles: {a: {rules: [{on: message, do: [{sleep: {from_text: x(\\d+), default: -1}}]}]}}|t.yaml:1:77: 'default' must not be negative",
                "roles: {a: {rule: []}}|t.yaml:1:13: unknown key 'rule' in role 'a'; known: cost_per_turn, faults, rules",
                "roles: {a: {faults: {crash: 1}}}|t.yaml:1:22: unknown key 'crash' in 'faults'",
                "cost_per_turn: lots|t.yaml:1:16: 'cost_per_turn' must be a number of US dollars",
                "roles: [a]|t.yaml:1:8: 'roles' must be a mapping",
                "roles: {a: {rules: [{on: message, do: [{send: {to: qa}}]}]}}|t.yaml:1:47: 'send' needs 'text'",
                "roles: {a: {rules: [{on: message, do: [{say: x}]}]}|t.yaml:1:",
            })
    void problemsAreReportedWithLineAndColumn(String yaml, String message) {
        assertThatThrownBy(() -> ScriptLoader.parse(yaml, "t.yaml"))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aMissingFileIsAScriptProblem() {
        assertThatThrownBy(() -> ScriptLoader.load(Path.of("/nonexistent/script.yaml")))
                .isInstanceOf(ScriptException.class)
                .hasMessage("/nonexistent/script.yaml: cannot read the behaviour script: it does not exist");
    }

    @Test
    void incomingMessagesJoinTextBlocksAndReadTheSender() throws Exception {
        Incoming blocks = Incoming.of(
                "u1",
                dev.peersteam.json.Json.MAPPER.readTree(
                        "[{\"type\":\"text\",\"text\":\"[from qa] block one\"},{\"type\":\"image\"},{\"type\":\"text\",\"text\":\"two\"}]"));
        assertThat(blocks).isEqualTo(new Incoming("u1", "[from qa] block one two"));
        assertThat(blocks.from()).isEqualTo("qa");
        assertThat(blocks.body()).isEqualTo("block one two");
        assertThat(new Incoming(null, "fix T7x or T8").taskId()).contains("T8");
        assertThat(List.of(new Incoming(null, "[from  x] y").from())).containsExactly("");
    }
}
