// Prints the line CI reads, "N passed, N failed", from vitest's JSON report(s).
//
//   node .ci/summary.ts --rerun-list FIRST.json      prints the test files to run again, one per line
//   node .ci/summary.ts FIRST.json [RERUN.json]      prints "N passed, N failed" (exit 1 on failure)
//
// A test file is run again only when it failed *as a file* with no failed test in it: its worker
// died (Node 24 has crashed a vitest fork at start-up with a V8 fatal error, "Check failed:
// (location_) != nullptr", on files that pass when run again) or it is missing from the report.
// A failed test is never run again: a real failure always fails CI. A file that fails to load
// fails again on its second run, so it still fails CI.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

interface FileResult {
  name: string;
  status: string;
  message?: string;
  assertionResults: { status: string }[];
}
interface Report {
  success?: boolean;
  testResults?: FileResult[];
}

const root = resolve(import.meta.dirname, '..');
const rel = (name: string) => relative(root, resolve(root, name));

function read(file: string): Report | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch {
    return undefined;
  }
}

/** Every test file vitest would run (tracked and untracked, not ignored). */
function allTestFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.test.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  return out.split('\n').filter((f) => f !== '' && !f.startsWith('.tools/') && !f.includes('node_modules/'));
}

const fileLevelFailure = (f: FileResult) =>
  f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed');

function toRerun(report: Report): string[] {
  const results = report.testResults ?? [];
  const seen = new Set(results.map((f) => rel(f.name)));
  const crashed = results.filter(fileLevelFailure).map((f) => rel(f.name));
  const missing = allTestFiles().filter((f) => !seen.has(f));
  return [...new Set([...crashed, ...missing])].sort();
}

const args = process.argv.slice(2);
if (args[0] === '--rerun-list') {
  const report = read(args[1] ?? '.vitest-results.json');
  if (report !== undefined) for (const f of toRerun(report)) console.log(f);
  process.exit(0);
}

const first = read(args[0] ?? '.vitest-results.json');
if (first === undefined) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const files = new Map<string, FileResult>();
for (const f of first.testResults ?? []) files.set(rel(f.name), f);
const rerunFiles = toRerun(first);
let rerunOk = true;
if (args[1] !== undefined) {
  const second = read(args[1]);
  if (second === undefined) rerunOk = false;
  else {
    for (const f of second.testResults ?? []) files.set(rel(f.name), f);
    if (second.success === false && !(second.testResults ?? []).some((f) => f.status === 'failed')) rerunOk = false;
  }
  for (const f of rerunFiles) {
    if (files.get(f) === undefined) {
      console.error(`CI: ${f} did not run, even the second time`);
      rerunOk = false;
    } else if (fileLevelFailure(files.get(f) as FileResult)) {
      console.error(`CI: ${f} failed again as a file:\n${files.get(f)?.message ?? ''}`);
    }
  }
}
let passed = 0;
let failed = 0;
for (const f of files.values()) {
  for (const a of f.assertionResults) {
    if (a.status === 'passed') passed++;
    else if (a.status === 'failed') failed++;
  }
  // A file that failed without a failed test (it did not load, or its worker died) counts once.
  if (fileLevelFailure(f)) failed++;
}
// An error vitest reports outside any file (success false with every file passing) fails the run,
// unless it is explained by files whose second run passed.
if (first.success === false && failed === 0 && (args[1] === undefined ? true : rerunFiles.length === 0)) failed++;
if (!rerunOk) failed++;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
