// Prints the line CI reads, "N passed, N failed", from vitest's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.vitest-results.json';
let report: { numPassedTests?: number; numFailedTests?: number; success?: boolean };
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
// A suite that fails to load has no failed test but does fail the run: count it.
const failed = (report.numFailedTests ?? 0) + (report.success === false && !report.numFailedTests ? 1 : 0);
console.log(`${passed} passed, ${failed} failed`);
