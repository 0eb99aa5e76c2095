// The example definition shipped in examples/ (the 20 October 2024 elections).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ElectionDefinition, ElectionDefinitionSchema } from '@evotare/crypto/manifest';

export const exampleDefinitionPath = fileURLToPath(
  new URL('../../../examples/presidential-2024.json', import.meta.url),
);

export function exampleDefinition(electionId?: string): ElectionDefinition {
  const d = ElectionDefinitionSchema.parse(JSON.parse(readFileSync(exampleDefinitionPath, 'utf8')));
  return electionId === undefined ? d : { ...d, electionId };
}
