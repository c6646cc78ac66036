/**
 * The chaos suite's harness (issue 10, items 9 and 10): a busy team whose coordinator is SIGKILLed at random
 * instants, each kill followed by {@code up}, whose agents are SIGKILLed mid-turn or SIGSTOPped for longer than a
 * turn, and which must then finish with {@code up --until-done}. Used by the end-to-end tests
 * {@code e2e/ChaosIT} (simulated agents, {@link dev.peersteam.chaos.SimChaosTeam}) and {@code e2e/RealClaudeChaosIT}
 * (the real {@code claude} against the fake Messages API, {@link dev.peersteam.chaos.ScriptedTeamWork}), and by the
 * bench's {@code chaos} measure.
 *
 * <ul>
 * <li>{@link dev.peersteam.chaos.ChaosPlan}: when and where to strike, from one printed seed
 *     ({@code -Dchaos.seed=N} runs a plan again; {@code -Dchaos.kills}, {@code -Dchaos.agentKills},
 *     {@code -Dchaos.stops} change its size).
 * <li>{@link dev.peersteam.chaos.ChaosRun}: runs the plan ({@link dev.peersteam.chaos.UpProcess} per {@code up},
 *     {@link dev.peersteam.chaos.Signals} for SIGSTOP/SIGCONT), then checks; it ends every process it started,
 *     whatever happens.
 * <li>The checks, each with a reader of its own rather than the product's code: {@link dev.peersteam.chaos.ExactlyOnce}
 *     ({@link dev.peersteam.chaos.JournalFacts} says what was posted, {@link dev.peersteam.chaos.TakenLedger} what the
 *     agents' transcripts prove they took), the board ({@code peers-team board --json}), and
 *     {@link dev.peersteam.chaos.ProcessSweep} (no agent of the run alive after the last {@code up}).
 * <li>{@link dev.peersteam.chaos.ChaosReport}: what was done and found; every problem names its evidence, and the
 *     run's folder keeps the journal, the transcripts, the traffic logs and each {@code up}'s output.
 * </ul>
 *
 * <h2>Exactly once, when a kill cuts a turn</h2>
 *
 * A message the journal says was posted to a role is handled exactly once when the role's transcripts, all of its
 * sessions together, hold exactly one entry that proves a session took it (a {@code user} entry with its uuid, its
 * uuid in a {@code user} entry's {@code mergedSendUuids}, or a {@code queued_command} attachment with it as
 * {@code source_uuid}; docs/messaging.md) and no resumed CLI ran it a second time (a synthetic "No response
 * requested." closing parented on it). The transcript, not the journal, decides:
 * <ul>
 * <li>a message a session started on but whose entry a kill kept from the disk was never taken as far as any later
 *     session can know: sent again, it is taken once;
 * <li>a message whose entry is on disk must not be taken again, even though its turn was cut: the coordinator tells
 *     the resumed session about the cut turn with a notice from {@code peers-team}, which is a new message with an
 *     id of its own, counted like any other;
 * <li>a message in no transcript at the end, or given up by the coordinator ({@code message_failed}), is lost.
 * </ul>
 */
package dev.peersteam.chaos;
