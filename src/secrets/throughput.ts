/**
 * Throughput of the secret scanner on generated source text (not a test; the numbers depend on the
 * machine). Run: node src/secrets/throughput.ts [megabytes=100]
 *
 * Generates files of realistic code and configuration in memory — with hashes, base64 blobs,
 * UUIDs, and identifiers that hold the rules' keywords (apiKey, token, secret, password, auth,
 * URLs) on 4% of the lines, as in real code (3.5% of the lines of this repository's
 * node_modules/**.js), and a planted secret every ~250 KB — then reports MB/s for the keyword pass
 * alone and for the whole scan. `--dense` puts keywords on 25% of the lines instead.
 */
import { Buffer } from 'node:buffer';
import { scanBytes } from './engine.ts';
import { ALNUM, BASE64, fake, fakeUuid, HEX } from './rules/build.ts';
import { buildRuleset } from './ruleset.ts';

let seed = 0x2545f491;
function random(n: number): number {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed % n;
}
function pick<T>(items: readonly T[]): T {
  return items[random(items.length)]!;
}

const NOUNS = [
  'user',
  'order',
  'invoice',
  'cart',
  'session',
  'account',
  'payment',
  'product',
  'report',
  'event',
];
const VERBS = ['get', 'load', 'create', 'update', 'delete', 'find', 'render', 'validate', 'parse', 'sync'];
const ident = () => `${pick(VERBS)}${pick(NOUNS)[0]!.toUpperCase()}${pick(NOUNS).slice(1)}`;

const PLAIN: (() => string)[] = [
  () => `import { ${ident()}, ${ident()} } from '../${pick(NOUNS)}/${pick(NOUNS)}-service';`,
  () => `  const ${pick(NOUNS)}Id = await ${ident()}(req.params.id, { limit: ${random(500)} });`,
  () => `  if (!${pick(NOUNS)}) throw new NotFoundError(\`${pick(NOUNS)} \${id} not found\`);`,
  () => `export async function ${ident()}(ctx: Context): Promise<${pick(NOUNS)}[]> {`,
  () => `    return this.repository.find({ where: { status: '${pick(['active', 'pending', 'closed'])}' } });`,
  () => `def ${pick(VERBS)}_${pick(NOUNS)}(session, ${pick(NOUNS)}_id: int) -> Optional[${pick(NOUNS)}]:`,
  () => `    logger.info("processed %d ${pick(NOUNS)}s in %.2f ms", count, elapsed)`,
  () => `func (s *Server) ${ident()}(w http.ResponseWriter, r *http.Request) {`,
  () => `\tif err := json.NewDecoder(r.Body).Decode(&req); err != nil {`,
  () => `    private final Map<String, ${pick(NOUNS)}> cache = new ConcurrentHashMap<>();`,
  () => `      - name: ${pick(VERBS)} ${pick(NOUNS)}s`,
  () => `        run: npm run ${pick(['build', 'test', 'lint'])} -- --filter=${pick(NOUNS)}`,
  () =>
    `// ${pick(VERBS)} the ${pick(NOUNS)} before the ${pick(NOUNS)} is ${pick(VERBS)}d; see docs/${pick(NOUNS)}.md`,
  () =>
    `SELECT id, ${pick(NOUNS)}_id, created_at FROM ${pick(NOUNS)}s WHERE updated_at > NOW() - INTERVAL '7 days';`,
  () =>
    `resource "aws_s3_bucket" "${pick(NOUNS)}" { bucket = "acme-${pick(NOUNS)}-${pick(['dev', 'prod'])}" }`,
  () => `    sha256 = "${fake(`h${random(1e6)}`, HEX, 64)}"`,
  () => `  <img src="data:image/png;base64,${fake(`b${random(1e6)}`, BASE64, 120)}" alt="${pick(NOUNS)}">`,
  () => `  requestId: '${fakeUuid(`r${random(1e6)}`)}',`,
  () => '',
  () => '}',
  () => `  return { ...state, loading: false, ${pick(NOUNS)}s: action.payload };`,
];

const KEYWORDED: (() => string)[] = [
  () => `const ${pick(NOUNS)}Key = \`${pick(NOUNS)}:\${id}:\${locale}\`;`,
  () => `  headers: { Authorization: \`Bearer \${token}\`, 'Content-Type': 'application/json' },`,
  () => `    password: \${{ secrets.${pick(NOUNS).toUpperCase()}_PASSWORD }}`,
  () => `  const apiKey = process.env.${pick(NOUNS).toUpperCase()}_API_KEY ?? '';`,
  () => `${pick(NOUNS)}_secret_name = "${pick(NOUNS)}/${pick(['dev', 'prod'])}/credentials"`,
  () =>
    `  "${pick(NOUNS)}": { "version": "${random(9)}.${random(30)}.${random(20)}", "resolved": "https://registry.npmjs.org/x" },`,
  () => `  const { token } = await auth.${pick(VERBS)}Session(req);`,
  () => `    cache_key: "${pick(NOUNS)}_\${id}_v${random(9)}"`,
];

const PLANTED: (() => string)[] = [
  () => `GITHUB_TOKEN=ghp_${fake(`p${random(1e6)}`, ALNUM, 36)}`,
  () => `const stripeKey = "sk_live_${fake(`p${random(1e6)}`, ALNUM, 32)}";`,
  () => `aws_access_key_id = AKIA${fake(`p${random(1e6)}`, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  () => `DATABASE_URL=postgres://app:${fake(`p${random(1e6)}`, ALNUM, 20)}@db.internal:5432/app`,
];

function generate(megabytes: number): Buffer[] {
  const files: Buffer[] = [];
  let total = 0;
  let sincePlant = 0;
  while (total < megabytes * 2 ** 20) {
    const lines: string[] = [];
    const size = 4096 + random(60_000);
    let length = 0;
    while (length < size) {
      let line = random(1000) < keywordPerMille ? pick(KEYWORDED)() : pick(PLAIN)();
      if (sincePlant > 250_000) {
        line = pick(PLANTED)();
        sincePlant = 0;
      }
      lines.push(line);
      length += line.length + 1;
      sincePlant += line.length + 1;
    }
    const file = Buffer.from(lines.join('\n'));
    files.push(file);
    total += file.length;
  }
  return files;
}

const keywordPerMille = process.argv.includes('--dense') ? 250 : 40;
const megabytes = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100);
const files = generate(megabytes);
const bytes = files.reduce((n, f) => n + f.length, 0);
const mb = bytes / 2 ** 20;
const ruleset = buildRuleset();

/** Runs `task` `rounds` times; the machine is shared, so the best and the median say more than one run. */
function measure(rounds: number, task: () => number): { best: number; median: number; result: number } {
  const times: number[] = [];
  let result = 0;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    result = task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { best: mb / (times[0]! / 1000), median: mb / (times[times.length >> 1]! / 1000), result };
}

const keywordPass = measure(3, () => {
  let hits = 0;
  for (const file of files) ruleset.scanner.scan(file, () => hits++);
  return hits;
});
const fullScan = measure(3, () => {
  let matches = 0;
  for (let i = 0; i < files.length; i++)
    matches += scanBytes(`src/file${i}.ts`, files[i]!, ruleset).matches.length;
  return matches;
});

const rate = (m: { best: number; median: number }) =>
  `${m.median.toFixed(0)} MB/s median, ${m.best.toFixed(0)} best`;
console.log(`${files.length} files, ${mb.toFixed(1)} MB, ${ruleset.rules.length} rules, 3 rounds each`);
console.log(`keyword pass: ${rate(keywordPass)} (${keywordPass.result} keyword hits)`);
console.log(`full scan:    ${rate(fullScan)} (${fullScan.result} findings)`);
