// Output of the benchmarks: a readable table, or one JSON object with --json.
import { cpus, totalmem } from 'node:os';

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
}

export function report(title: string, figures: Record<string, number | string | null>, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(figures));
    return;
  }
  console.log(`${title}\n${machine()}\n`);
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) {
    const shown = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v);
    console.log(`  ${k.padEnd(width)}  ${shown}`);
  }
}

/** Mean milliseconds per call of f over at least `minMs` and `minRuns`, after one warm-up call. */
export function timeMs(f: () => void, minRuns = 5, minMs = 500): number {
  f();
  let runs = 0;
  const start = performance.now();
  while (runs < minRuns || performance.now() - start < minMs) {
    f();
    runs++;
  }
  return (performance.now() - start) / runs;
}
