// What the booth's browser tests share: Debian's Chromium (skipped where it is not installed), and
// a server on 127.0.0.1 with the sample election `npm start` prepares, its voters and one browser.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@evotare/server/src/config.ts';
import { silentLogger } from '@evotare/server/src/log.ts';
import { prepareSampleElection, type SampleVoter } from '@evotare/server/src/sample.ts';
import { type RunningServer, startServer } from '@evotare/server/src/server.ts';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`the browser test is skipped: no ${CHROMIUM} (Debian package chromium)`);

export interface SampleBooth {
  readonly server: RunningServer;
  readonly voters: SampleVoter[];
  readonly browser: Browser;
}

/** The server with the sample election in `dir`, and a headless Chromium. */
export async function startSampleBooth(dir: string): Promise<SampleBooth> {
  const env = { EVOTARE_DATA_DIR: join(dir, 'data'), HOST: '127.0.0.1', PORT: '0', EVOTARE_LOG_LEVEL: 'error' };
  const server = await startServer(loadConfig(env), silentLogger);
  const voters = (await prepareSampleElection(server.deps, join(dir, 'data')))!;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return { server, voters, browser };
}
