// npm run bench -- election [--voters N] [--json]: a whole election with one 25-option contest,
// 2-of-3 trustees and 3 mix nodes, on PostgreSQL (DATABASE_URL: a server where it may create a
// throwaway database), run by the same real processes as `npm run demo`. What it measures is the
// tally: from the close of voting to the signed result (issue 5), and each party's verification of
// the board before it acts, while voting runs and after the close (issue 9); the setup (keys,
// ceremony, activation, casting) is timed too but is not the figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ElectionDefinition } from '@evotare/crypto/manifest';
import { runElection } from '@evotare/server/src/demo/election.ts';
import { createPostgresDatabase } from '@evotare/server/src/testing/databases.ts';
import { report } from './_report.ts';

const text = (s: string) => ({ ro: s, en: s, ru: s });

/** One contest of 25 options (no blank): the ballot the figures are for. */
function definition(): ElectionDefinition {
  return {
    version: 1,
    electionId: 'bench-election',
    title: text('Benchmark election: one contest of 25 options'),
    votingWindow: { opens: '2026-01-01T00:00:00Z', closes: '2026-01-02T00:00:00Z' },
    mixingPeriod: 3600,
    contests: [
      {
        id: 'contest',
        title: text('Contest'),
        allowBlank: false,
        options: Array.from({ length: 25 }, (_, i) => ({ id: `option-${i + 1}`, label: text(`Option ${i + 1}`) })),
      },
    ],
    trustees: { threshold: 2, members: [1, 2, 3].map((i) => ({ name: `Trustee ${i}` })) },
    mixNodes: [1, 2, 3].map((i) => ({ name: `Mix node ${i}` })),
  };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { voters: { type: 'string', default: '10000' }, json: { type: 'boolean', default: false } },
  });
  const voters = Number(values.voters);
  if (!Number.isInteger(voters) || voters < 1) {
    console.error('--voters takes a whole number ≥ 1');
    process.exit(2);
  }
  const admin = process.env.DATABASE_URL;
  if (admin === undefined) {
    console.error('npm run bench -- election needs DATABASE_URL: a PostgreSQL server where it may create a database');
    process.exit(2);
  }
  const database = await createPostgresDatabase(admin);
  const work = mkdtempSync(join(tmpdir(), 'evotare-bench-election-'));
  try {
    const progressShown = new Set<string>();
    const r = await runElection({
      voters,
      definition: definition(),
      workDir: work,
      databaseUrl: database.url,
      // trial cost for the activation codes: registering 100,000 voters at the default cost takes hours
      activationCodeCost: 10,
      onPhase: (phase, event, seconds) => {
        if (!values.json) console.error(event === 'start' ? `${phase}…` : `${phase}: ${seconds!.toFixed(1)} s`);
      },
      onProgress: (phase, done, total) => {
        const step = Math.max(1, Math.floor(total / 10));
        if (!values.json && (done % step === 0 || done === total) && !progressShown.has(`${phase}${done}`)) {
          progressShown.add(`${phase}${done}`);
          console.error(`  ${phase} ${done}/${total}`);
        }
      },
    });
    const phase = (p: string) => r.timings.find((t) => t.phase === p)?.seconds ?? null;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    report(
      `A whole election, one 25-option contest, 3 mix nodes, 2-of-3 trustees, PostgreSQL (npm run bench -- election --voters ${voters})`,
      {
        voters,
        ballots_cast: r.votes.ballots,
        ballots_counted: r.result.turnout.credentialsCounted ?? null,
        close_to_result_s: r.closeToResultSeconds,
        close_s: phase('close'),
        mix_s_per_node: mean(r.mixSecondsPerNode),
        mix_s_nodes: r.mixSecondsPerNode.map((s) => s.toFixed(1)).join(' '),
        decrypt_s_per_trustee: mean(r.decryptSecondsPerTrustee),
        decrypt_s_trustees: r.decryptSecondsPerTrustee.map((s) => s.toFixed(1)).join(' '),
        // Each party's verification of the board before it acts (SPEC §15.1): while voting ran
        // (`follow --once` after the last ballot: every ballot), and after the close (what is left).
        verify_during_voting_s: r.verification.duringVoting.map((v) => `${v.party}: ${v.seconds}`).join(', '),
        // the trustees' `follow` after each shuffle but the last (inside close_to_result_s here)
        verify_during_mixing_s: r.verification.duringMixing.map((v) => `${v.party}: ${v.seconds}`).join(', '),
        verify_after_close_s: r.verification.afterClose.map((v) => `${v.party}: ${v.seconds}`).join(', '),
        // what each party's check before acting read: from its kept state, only the tail
        tail_read: r.verification.tail
          .map((v) => `${v.party}: from ${v.from}, ${v.entries} entries, ${v.ballots} ballots, ${v.shuffles} shuffles`)
          .join('; '),
        close_to_result_without_trustee_follow_s:
          r.closeToResultSeconds -
          r.verification.duringMixing.reduce((a, v) => a + (Number.isNaN(v.seconds) ? 0 : v.seconds), 0),
        following_s: phase('following'),
        activation_s: phase('activation'),
        voting_s: phase('voting'),
        export_s: phase('export'),
        verify_s: phase('verify'),
        result_matches: r.matches ? 'yes' : 'NO',
        verifier: r.verifier.exitCode === 0 ? 'passed' : `exit ${r.verifier.exitCode}`,
        peak_rss_mb: r.peakRssMb,
      },
      values.json,
    );
    if (!r.matches || r.verifier.exitCode !== 0) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await database.drop();
  }
}
