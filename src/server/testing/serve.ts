// A real server process for the crash and shutdown tests, configured from the environment:
// PALISADE_DATA_DIR or PALISADE_DATABASE_URL, PALISADE_ADMIN_TOKEN, and for the tests
// PALISADE_TEST_ADVISORIES=npm (the real npm records as advisories) and
// PALISADE_TEST_INGEST_PAUSE_MS (hold each upload's transaction open once its components are in).
import { staticAdvisorySource } from '../advisory-source.ts';
import { createLogger } from '../logger.ts';
import { startServer } from '../start.ts';
import { npmLookup } from './fixtures.ts';

const env = process.env;
const logger = createLogger({ level: 'debug' });
const pause = Number(env.PALISADE_TEST_INGEST_PAUSE_MS ?? 0);
await startServer({
  port: 0,
  ...(env.PALISADE_DATA_DIR ? { dataDir: env.PALISADE_DATA_DIR } : {}),
  ...(env.PALISADE_DATABASE_URL ? { databaseUrl: env.PALISADE_DATABASE_URL } : {}),
  ...(env.PALISADE_ADMIN_TOKEN ? { adminToken: env.PALISADE_ADMIN_TOKEN } : {}),
  logger,
  handleSignals: true,
  shutdownTimeoutMs: 10_000,
  jobs: { pollMs: 100, leaseMs: 2_000, retryDelayMs: 100 },
  ...(env.PALISADE_TEST_ADVISORIES === 'npm'
    ? { advisories: staticAdvisorySource('npm-testdata', npmLookup()) }
    : {}),
  ...(pause > 0
    ? { ingestHooks: { afterComponents: () => new Promise<void>((resolve) => setTimeout(resolve, pause)) } }
    : {}),
});
