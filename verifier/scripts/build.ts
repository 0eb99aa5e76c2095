// Builds the installable verifier (README, "Installing the verifier") into verifier/dist/:
//   evotare-verify.mjs        the whole program in one ES module for Node ≥ 22.18 (../src/bundle.ts):
//                             no dependency to install, so it also runs copied alone to an
//                             air-gapped machine; its worker threads run this same file
//   package.json, README.md   the package `npm pack verifier/dist` makes (evotare-verifier-<v>.tgz)
//   THIRD-PARTY-LICENSES      the licenses of the libraries bundled in
// esbuild (a kept bundler, already the booth's) bundles it; the build then checks that every task
// the bundle can run on a worker (crypto/src/parallel/task.ts) is exported by the bundle, since a
// worker finds a task by its module and name, and bundled, every module is the bundle.
//   node verifier/scripts/build.ts
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const VERIFIER = fileURLToPath(new URL('..', import.meta.url));
const ROOT = join(VERIFIER, '..');
const DIST = join(VERIFIER, 'dist');
const BIN = 'evotare-verify.mjs';
const NODE = '22.18';

const pkg = JSON.parse(readFileSync(join(VERIFIER, 'package.json'), 'utf8')) as { version: string };

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
const result = await build({
  entryPoints: [join(VERIFIER, 'src/bundle.ts')],
  outfile: join(DIST, BIN),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: `node${NODE}`,
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  define: { EVOTARE_VERIFIER_VERSION: JSON.stringify(pkg.version) },
  // the CommonJS libraries bundled in (commander) require Node's modules
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __evotareRequire } from 'node:module';\nconst require = __evotareRequire(import.meta.url);",
  },
});

// Every task a bundled module defines must be an export of the bundle.
const output = Object.values(result.metafile.outputs)[0]!;
const missing: string[] = [];
for (const input of Object.keys(result.metafile.inputs)) {
  const source = existsSync(join(ROOT, input)) ? readFileSync(join(ROOT, input), 'utf8') : '';
  for (const m of source.matchAll(/^export const \w+ = defineTask\(\s*import\.meta\.url,\s*'(\w+)'/gm)) {
    if (!output.exports.includes(m[1]!)) missing.push(`${input}: ${m[1]}`);
  }
}
if (missing.length > 0) {
  console.error(
    `verifier/src/bundle.ts does not export these tasks, which the workers could not find:\n${missing.join('\n')}`,
  );
  process.exit(1);
}

// The licenses of the packages bundled in.
const packages = new Set<string>();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.add(join(ROOT, input.slice(0, input.indexOf(m[1]!) + m[1]!.length)));
}
const licenses = [...packages].sort().map((dir) => {
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license'].map((f) => join(dir, f)).find(existsSync);
  return `${meta.name} ${meta.version} (${meta.license ?? 'see its package'})\n\n${file ? readFileSync(file, 'utf8').trim() : ''}\n`;
});
writeFileSync(join(DIST, 'THIRD-PARTY-LICENSES'), licenses.join(`\n${'-'.repeat(72)}\n\n`));

writeFileSync(
  join(DIST, 'package.json'),
  `${JSON.stringify(
    {
      name: '@evotare/verifier',
      version: pkg.version,
      description:
        'e-Votare standalone verifier: checks a bulletin board export against docs/SPEC.md, and fetches it through the public API',
      license: 'AGPL-3.0-or-later',
      type: 'module',
      bin: { 'evotare-verify': BIN },
      files: [BIN, 'README.md', 'THIRD-PARTY-LICENSES'],
      engines: { node: `>=${NODE}` },
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  join(DIST, 'README.md'),
  `# evotare-verify ${pkg.version}

The standalone verifier of e-Votare, the internet voting system of the Central Electoral Commission
of the Republic of Moldova: it checks a whole election's bulletin board — every check of table T15
of the specification (docs/SPEC.md §15), shuffle proofs and decryptions included.

    npm install -g ./evotare-verifier-${pkg.version}.tgz     # Node ≥ ${NODE}; no dependencies
    evotare-verify fetch https://SERVER ELECTION board/      # download, checked page by page; resumable
    evotare-verify board/ --expect-fingerprint XXXX-XXXX-XXXX-XXXX-XXXX
    evotare-verify board.tar --archive-sha256 HEX           # the archive the CEC publishes
    evotare-verify --lang en|ro|ru …   evotare-verify --help   evotare-verify --version

${BIN} is the whole program: copied alone to a machine with Node ≥ ${NODE}, \`node ${BIN} DIR\` runs.

Exit status: 0 the board verifies; 1 it does not (a check failed, or fetch refused what the server
served); 2 bad usage; 3 the board could not be read (missing, damaged, cut short; the server cannot
be reached) — which says nothing about the election; 4 incomplete (no check failed, some could not
run); 5 the verifier's own error.
`,
);
const size = readFileSync(join(DIST, BIN)).length;
console.log(`${relative(process.cwd(), join(DIST, BIN))}: ${(size / 1024).toFixed(0)} KiB, version ${pkg.version}`);
