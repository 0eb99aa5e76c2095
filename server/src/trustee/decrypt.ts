import type { KeyFile } from './key-file.ts';
import type { TrusteeServer } from './server-api.ts';

export interface DecryptOptions {
  readonly say: (line: string) => void;
  readonly threads?: number;
  readonly progress: boolean;
}

export async function decryptFinalList(_server: TrusteeServer, _keyFile: KeyFile, _options: DecryptOptions) {
  throw new Error('not yet');
}
