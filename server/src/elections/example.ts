// The example definition shipped in examples/ (the 20 October 2024 elections).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ElectionDefinition, ElectionDefinitionSchema } from '@evotare/crypto/manifest';

export const exampleDefinitionPath = fileURLToPath(
  new URL('../../../examples/presidential-2024.json', import.meta.url),
);

/** An ISO time without its milliseconds, as a voting window writes it. */
const toWindowTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The example, with its voting window moved to begin at `now` (to the second) and last as long as
 * the 2024 one: an election whose window is over cannot be created (§13.10), and one made from the
 * example is meant to be run now.
 */
export function exampleDefinition(electionId?: string, now: Date = new Date()): ElectionDefinition {
  const d = ElectionDefinitionSchema.parse(JSON.parse(readFileSync(exampleDefinitionPath, 'utf8')));
  const opens = Math.floor(now.getTime() / 1000) * 1000;
  const length = Date.parse(d.votingWindow.closes) - Date.parse(d.votingWindow.opens);
  const votingWindow = { opens: toWindowTime(new Date(opens)), closes: toWindowTime(new Date(opens + length)) };
  return { ...d, ...(electionId === undefined ? {} : { electionId }), votingWindow };
}
