// The verifier's version, said by `evotare-verify --version` and in every report: the version of
// verifier/package.json — put in by the build (verifier/scripts/build.ts) as a constant, read from
// the file when the program runs from its sources.
import { readFileSync } from 'node:fs';

declare const EVOTARE_VERIFIER_VERSION: string | undefined;

export const VERIFIER_VERSION: string =
  typeof EVOTARE_VERIFIER_VERSION === 'string'
    ? EVOTARE_VERIFIER_VERSION
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
