import 'reflect-metadata';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppContext } from '../src/app.setup.js';
import { projectRoot } from '../src/common/project-root.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { startBenchCluster } from './lib/bench-database.js';
import { loadData } from './lib/load-data.js';
import { commitOf, machine, type ScenarioResult } from './lib/results.js';
import { drawSample, POOL_SIZE, SCENARIOS, type BenchContext } from './lib/scenarios.js';
import { startServerProcess, type ServerProcess } from './lib/server-process.js';

/**
 * `npm run bench -- [--doctors 1000000] [--cms-rows n] [--seconds 20] [--only a,b] [--out file]`: loads a fresh
 * database with the deterministic generator, runs each scenario side by side with its baseline and writes one entry
 * per scenario to bench/results/latest.json (see BENCHMARKS.md). Progress on stderr, the results table on stdout.
 */
const { values } = parseArgs({
  options: {
    doctors: { type: 'string', default: '1000000' },
    'cms-rows': { type: 'string' },
    seconds: { type: 'string', default: '20' },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});

const positive = (text: string, option: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${option} must be a positive whole number`);
  return value;
};
const doctors = positive(values.doctors, 'doctors');
const seconds = positive(values.seconds, 'seconds');
const cmsRows = positive(values['cms-rows'] ?? values.doctors, 'cms-rows');
const only = values.only?.split(',').filter(Boolean);
const unknown = only?.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name || `${scenario.name}-rerun` === name));
if (unknown?.length) throw new Error(`Unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);

const root = projectRoot();
const out = values.out ?? join(root, 'bench', 'results', 'latest.json');
const stamp = { commit: commitOf(), date: new Date().toISOString() };
const workDir = await mkdtemp(join(tmpdir(), 'docfinder-bench-work-'));
const cluster = await startBenchCluster();
const env = {
  JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123456789',
  ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef-0123456789',
  DATA_DIR: join(workDir, 'data'),
  LOG_LEVEL: 'warn',
  DB_POOL_SIZE: String(POOL_SIZE),
  // Benchmarks measure throughput, not the abuse limits.
  RATE_LIMIT_WRITE: '1000000',
  RATE_LIMIT_AUTH: '1000000',
  SEARCH_SYNC_WORKER: 'false',
};
try {
  const databaseUrl = await cluster.recreate('docfinder_bench');
  const app = await createAppContext({ config: loadConfiguration('cli', { ...env, DATABASE_URL: databaseUrl }) });
  let api: ServerProcess | undefined;
  try {
    const load = await loadData(app, doctors);
    api = await startServerProcess(join(root, 'dist', 'src', 'main.js'), { ...env, DATABASE_URL: databaseUrl });
    const context: BenchContext = { app, api, databaseUrl, cluster, env, seconds, cmsRows, workDir, sample: await drawSample(databaseUrl), stamp };
    const results: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      if (only && !only.some((name) => name === scenario.name || name === `${scenario.name}-rerun`)) continue;
      process.stderr.write(`[bench] ${scenario.name}…\n`);
      for (const measured of await scenario.run(context)) {
        results.push({ ...measured, ...stamp });
        process.stderr.write(`[bench]   ${measured.name}: ${measured.value} ${measured.unit} (baseline ${measured.baseline ?? '–'}, ratio ${measured.ratio}) ${measured.met ? 'met' : 'MISSED'} ${measured.goal}\n`);
      }
    }
    await mkdir(join(out, '..'), { recursive: true });
    await writeFile(out, `${JSON.stringify(results.map(({ details: _details, ...entry }) => entry), null, 2)}\n`);
    await writeFile(out.replace(/\.json$/, '.details.json'), `${JSON.stringify({ machine: machine(), load, seconds, cmsRows, results }, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify({ machine: machine(), load, results }, null, 2)}\n`);
  } finally {
    await api?.stop();
    await app.close();
  }
} finally {
  await cluster.close();
  await rm(workDir, { recursive: true, force: true });
}
