#!/usr/bin/env node
// npm run demo [-- --voters N] [--out DIR] [--lang ro|en|ru]: a whole election on the embedded
// database, with nothing else to set up — key ceremony, voting over HTTP, mixing, threshold
// decryption, the signed result — then the board exported and checked by the standalone verifier.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type ElectionRun, type Phase, runElection } from './election.ts';
import { type Language, type TextKey, t } from './text.ts';

const PHASE_TEXT: Record<Phase, TextKey> = {
  server: 'phaseServer',
  keys: 'phaseKeys',
  election: 'phaseElection',
  ceremony: 'phaseCeremony',
  roll: 'phaseRoll',
  activation: 'phaseActivation',
  voting: 'phaseVoting',
  following: 'phaseFollowing',
  close: 'phaseClose',
  mixing: 'phaseMixing',
  decryption: 'phaseDecryption',
  export: 'phaseExport',
  verify: 'phaseVerify',
};

function positive(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new InvalidArgumentError('a whole number from 1 to 1,000,000');
  return n;
}

function printResult(run: ElectionRun, lang: Language): void {
  console.log(`\n${t(lang, 'fingerprint')}: ${run.fingerprint}`);
  console.log(`\n${t(lang, 'result')}`);
  run.manifest.contests.forEach((contest, i) => {
    const r = run.result.contests[i]!;
    const total = Object.values(r.counts).reduce((a, b) => a + b, 0) + (r.blank ?? 0) + r.invalid;
    const pct = (n: number) => (total === 0 ? '   –  ' : `${((100 * n) / total).toFixed(1).padStart(5)}%`);
    console.log(`\n  ${contest.title[lang]}`);
    const rows: [string, number][] = contest.options.map((o) => [o.label[lang], r.counts[o.id] ?? 0]);
    if (contest.allowBlank) rows.push([t(lang, 'blank'), r.blank ?? 0]);
    rows.push([t(lang, 'invalid'), r.invalid]);
    const width = Math.min(70, Math.max(...rows.map(([l]) => l.length)));
    for (const [label, n] of rows) {
      const shown = label.length > width ? `${label.slice(0, width - 1)}…` : label;
      console.log(`    ${shown.padEnd(width)}  ${String(n).padStart(7)}  ${pct(n)}`);
    }
  });
  const v = run.votes;
  console.log(
    `\n  ${t(lang, 'turnout')}: ${run.result.turnout.credentialsCounted ?? '?'} / ${v.voters} ${t(lang, 'voters')}`,
  );
  console.log(
    `    ${t(lang, 'ballotsReceived')}: ${v.ballots}, ${t(lang, 'revotes')}: ${v.revotes}, ${t(lang, 'paper')}: ${v.paper}`,
  );
}

const program = new Command('demo')
  .description('Run a whole e-Votare election on this machine and check it.')
  .option('--voters <n>', 'how many voters', positive, 1000)
  .option('--out <dir>', 'where to export the board (default: out/evotare-board-<election>, named at the end)')
  .addOption(new Option('--lang <lang>', 'language of the output').choices(['ro', 'en', 'ru']).default('ro'))
  .action(async (opts: { voters: number; out?: string; lang: Language }) => {
    const lang = opts.lang;
    const work = mkdtempSync(join(tmpdir(), 'evotare-demo-'));
    console.log(`${t(lang, 'title')} — ${opts.voters} ${t(lang, 'voters')}\n`);
    let bar: cliProgress.SingleBar | undefined;
    const run = await runElection({
      voters: opts.voters,
      workDir: work,
      onPhase: (phase, event, seconds) => {
        if (event === 'start') {
          console.log(`▶ ${t(lang, PHASE_TEXT[phase])}`);
          if (phase === 'activation' || phase === 'voting') {
            bar = new cliProgress.SingleBar(
              { format: '  {bar} {value}/{total}  {eta_formatted}', clearOnComplete: true, hideCursor: true },
              cliProgress.Presets.shades_classic,
            );
          }
        } else {
          bar?.stop();
          bar = undefined;
          console.log(`  ✓ ${seconds!.toFixed(1)} s`);
        }
      },
      onProgress: (_phase, done, total) => {
        if (bar && done === 1) bar.start(total, 0);
        bar?.update(done);
      },
      onLine: (who, line) => {
        if (/[█░▓]|\d+%/.test(line)) return; // the programs' own progress bars
        console.log(`    ${who}: ${line}`);
      },
    }).catch((e: unknown) => {
      bar?.stop();
      console.error(`\ndemo: the election did not complete: ${e instanceof Error ? e.message : String(e)}`);
      console.error(`(its files are in ${work})`);
      process.exit(1);
    });

    printResult(run, lang);
    console.log(`\n${run.matches ? '✓' : '✗'} ${t(lang, run.matches ? 'matches' : 'differs')}`);
    const verified = run.verifier.exitCode === 0;
    console.log(
      `${verified ? '✓' : '✗'} ${t(lang, verified ? 'verified' : 'notVerified')} (${run.verifier.passed}/${run.verifier.passed + run.verifier.failed + run.verifier.notRun})`,
    );

    console.log(`\n${t(lang, 'timings')}`);
    for (const { phase, seconds } of run.timings) {
      console.log(`  ${t(lang, PHASE_TEXT[phase]).padEnd(48)} ${seconds.toFixed(1).padStart(7)} s`);
    }
    const total = run.timings.reduce((a, x) => a + x.seconds, 0);
    console.log(`  ${t(lang, 'total').padEnd(48)} ${total.toFixed(1).padStart(7)} s`);

    // By default under out/ (ignored by git, so that lint and CI never see it); copied, since the
    // work directory may be on another filesystem.
    const board = resolve(opts.out ?? join('out', `evotare-board-${run.electionId}`));
    cpSync(run.exportDir, board, { recursive: true });
    rmSync(work, { recursive: true, force: true });
    console.log(`\n${t(lang, 'boardAt')}: ${board}`);
    console.log(`${t(lang, 'verifyAgain')} npm run verify -- ${board}`);
    process.exitCode = run.matches && verified ? 0 : 1;
  });

await program.parseAsync();
