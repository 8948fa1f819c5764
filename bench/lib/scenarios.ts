import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { Bench } from 'tinybench';
import { createAppContext } from '../../src/app.setup.js';
import type { Principal } from '../../src/auth/principal.js';
import { loadConfiguration } from '../../src/config/configuration.js';
import { projectRoot } from '../../src/common/project-root.js';
import { DoctorsService } from '../../src/doctors/doctors.service.js';
import { CmsImportService } from '../../src/import/cms/cms-import.service.js';
import { parseQaPage } from '../../src/import/parsers/qa-page.parser.js';
import type { SearchDoctorsQueryDto } from '../../src/search/dto/search-query.dto.js';
import { SearchEngine } from '../../src/search/search-engine.js';
import { SearchService } from '../../src/search/search.service.js';
import { SearchSyncService } from '../../src/search/sync/search-sync.service.js';
import type { BenchCluster } from './bench-database.js';
import { rawCopy } from './cms-copy.js';
import { writeCmsDacFile } from '../cms-dac-generator.js';
import { httpLoad, openLoop, percentile } from './http-load.js';
import { round, type ScenarioResult } from './results.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

export interface Sample {
  doctorIds: string[];
  cities: { city: string; lat: number; lng: number }[];
  specialties: { code: string; name: string }[];
  familyNames: string[];
}

export interface BenchContext {
  /** In-process, for loading, baselines and the index worker. */
  app: INestApplicationContext;
  /** The API in its own process, as `npm start` runs it. */
  api: ServerProcess;
  databaseUrl: string;
  cluster: BenchCluster;
  env: Record<string, string>;
  seconds: number;
  cmsRows: number;
  workDir: string;
  sample: Sample;
  stamp: { commit: string; date: string };
}

type Measured = Omit<ScenarioResult, 'commit' | 'date'>;

export interface Scenario {
  name: string;
  run(context: BenchContext): Promise<Measured[]>;
}

const ROOT = projectRoot();
/** The app's pool size in the benchmark (DB_POOL_SIZE), also the bare baseline's. */
export const POOL_SIZE = 10;
const encode = encodeURIComponent;

/** A typo a patient makes: two neighbouring letters swapped in the middle of the name. */
function typo(name: string): string {
  if (name.length < 5) return name;
  const i = Math.floor(name.length / 2);
  return `${name.slice(0, i - 1)}${name[i]}${name[i - 1]}${name.slice(i + 1)}`;
}

const SEARCHES: { name: string; goalMs: number; paths: (sample: Sample) => string[]; dto: (path: string) => Partial<SearchDoctorsQueryDto> }[] = [
  {
    name: 'search-city-specialty',
    goalMs: 25,
    paths: (s) => s.cities.flatMap((c) => s.specialties.slice(0, 5).map((sp) => `/v1/search/doctors?city=${encode(c.city)}&specialty=${sp.code}`)),
    dto: (path) => fromQuery(path),
  },
  {
    name: 'search-fuzzy-name',
    goalMs: 50,
    paths: (s) => s.familyNames.map((name) => `/v1/search/doctors?q=${encode(typo(name))}`),
    dto: (path) => fromQuery(path),
  },
  {
    name: 'search-radius',
    goalMs: 50,
    paths: (s) => s.cities.map((c) => `/v1/search/doctors?lat=${c.lat}&lng=${c.lng}&radiusKm=25`),
    dto: (path) => fromQuery(path),
  },
  {
    name: 'search-facets',
    goalMs: 50,
    paths: (s) => s.specialties.map((sp) => `/v1/search/doctors?q=${encode(sp.name)}&facets=specialty,city,language,acceptingNewPatients,clinicianType`),
    dto: (path) => fromQuery(path),
  },
];

/** The DTO the validation pipe would make of a search URL (numbers as numbers, facets as a list). */
function fromQuery(path: string): Partial<SearchDoctorsQueryDto> {
  const query = Object.fromEntries(new URL(path, 'http://x').searchParams);
  const { lat, lng, radiusKm, facets, ...rest } = query;
  return {
    ...rest,
    ...(lat !== undefined ? { lat: Number(lat), lng: Number(lng), radiusKm: Number(radiusKm) } : {}),
    ...(facets ? { facets: facets.split(',') as SearchDoctorsQueryDto['facets'] } : {}),
  };
}

/** Latencies of calls made one after another for `seconds` (the query alone: no HTTP, no queueing). */
async function sequentialLatencies(seconds: number, calls: (() => Promise<unknown>)[]): Promise<{ p50: number; p95: number; p99: number; count: number }> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < deadline; i += 1) {
    const started = performance.now();
    await calls[i % calls.length]();
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), count: latencies.length };
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'profile-read',
    async run({ api, databaseUrl, env, seconds, sample }) {
      const paths = sample.doctorIds.map((id) => `/v1/doctors/${id}`);
      const viaApp = await httpLoad({ url: api.url, paths, seconds, connections: 16 });
      const bare = await startServerProcess(join(ROOT, 'dist', 'bench', 'bare-profile-server.js'), { ...env, DATABASE_URL: databaseUrl, POOL_SIZE: String(POOL_SIZE) });
      try {
        const viaBare = await httpLoad({ url: bare.url, paths, seconds, connections: 16 });
        const ratio = round(viaApp.requestsPerSecond / viaBare.requestsPerSecond, 3);
        return [{ name: 'profile-read', value: viaApp.requestsPerSecond, unit: 'req/s', baseline: viaBare.requestsPerSecond, ratio, goal: '≥ 70 % of the bare handler', met: ratio >= 0.7, details: { app: viaApp, bare: viaBare } }];
      } finally {
        await bare.stop();
      }
    },
  },
  ...SEARCHES.map(
    (search): Scenario => ({
      name: search.name,
      async run({ app, api, seconds, sample }) {
        const paths = search.paths(sample);
        const viaHttp = await openLoop({ url: api.url, paths, seconds, rate: 100 });
        const service = app.get(SearchService);
        const query = await sequentialLatencies(seconds / 2, paths.map((path) => () => service.searchDoctors(search.dto(path))));
        return [
          {
            name: search.name,
            value: viaHttp.p99,
            unit: 'ms p99',
            baseline: query.p99,
            ratio: query.p99 > 0 ? round(viaHttp.p99 / query.p99, 2) : 0,
            goal: `p99 ≤ ${search.goalMs} ms at 100 req/s`,
            met: viaHttp.p99 <= search.goalMs && viaHttp.errors === 0 && viaHttp.non2xx === 0,
            details: { http: viaHttp, queryAlone: query, queries: paths.length },
          },
        ];
      },
    }),
  ),
  {
    name: 'import-cms',
    async run({ cluster, env, cmsRows, workDir }) {
      const file = join(workDir, `cms-${cmsRows}.csv`);
      await writeCmsDacFile(file, { rows: cmsRows, seed: 20261125 });
      const url = await cluster.recreate('docfinder_bench_cms');
      const context = await createAppContext({ config: loadConfiguration('cli', { ...env, DATABASE_URL: url }) });
      try {
        const copy = await rawCopy(url, file);
        const copyRate = round(copy.rows / copy.seconds, 0);
        const importer = context.get(CmsImportService);
        let started = performance.now();
        const first = await importer.importFile(file, {});
        const firstSeconds = (performance.now() - started) / 1000;
        started = performance.now();
        const second = await importer.importFile(file, {});
        const secondSeconds = (performance.now() - started) / 1000;
        const firstRate = round(first.rows / firstSeconds, 0);
        const secondRate = round(second.rows / secondSeconds, 0);
        return [
          { name: 'import-cms', value: firstRate, unit: 'rows/s', baseline: copyRate, ratio: round(firstRate / copyRate, 3), goal: '≥ 50 % of raw COPY rows/s', met: firstRate >= copyRate / 2, details: { rows: first.rows, seconds: round(firstSeconds), copySeconds: copy.seconds, phases: first.seconds, doctorsCreated: first.doctorsCreated, warnings: first.warnings } },
          { name: 'import-cms-rerun', value: secondRate, unit: 'rows/s', baseline: copyRate, ratio: round(secondRate / copyRate, 3), goal: 'changes nothing; as fast as it can tell (≥ 50 % of raw COPY)', met: second.doctorsCreated === 0 && second.doctorsUpdated === 0 && secondRate >= copyRate / 2, details: { seconds: round(secondSeconds), phases: second.seconds, doctorsUpdated: second.doctorsUpdated } },
        ];
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'parse-qa',
    async run({ seconds }) {
      const directory = join(ROOT, 'test', 'fixtures', 'qa-pages');
      const pages = readdirSync(directory).filter((name) => /\.(txt|html)$/.test(name)).map((name) => readFileSync(join(directory, name), 'utf8'));
      const bench = new Bench({ time: seconds * 1000 });
      let next = 0;
      bench.add('parse a page', () => {
        parseQaPage(pages[next++ % pages.length]);
      });
      await bench.run();
      const result = bench.tasks[0].result as unknown as { throughput: { mean: number }; latency: { p99: number } };
      const pagesPerSecond = round(result.throughput.mean, 0);
      return [{ name: 'parse-qa', value: pagesPerSecond, unit: 'pages/s (one core)', baseline: null, ratio: round(pagesPerSecond / 2000, 2), goal: '≥ 2,000 pages/s', met: pagesPerSecond >= 2000, details: { pages: pages.length, p99Ms: round(result.latency.p99, 3) } }];
    },
  },
  {
    name: 'index-lag',
    async run({ app, seconds, sample }) {
      // 200 profile writes a second (each to a profile not written before, so its version is known) while the sync
      // worker runs; the lag is from a write's commit to its document being applied by the engine.
      const engine = app.get(SearchEngine);
      const doctors = app.get(DoctorsService);
      const staff: Principal = { accountId: null, email: null, roles: ['admin'], emailVerified: true, ownedDoctorIds: [], sessionId: null };
      const written = new Map<string, number>();
      const lags: number[] = [];
      const apply = engine.applyDoctors.bind(engine);
      engine.applyDoctors = async (changes, target) => {
        await apply(changes, target);
        const now = performance.now();
        for (const document of changes.upserts) {
          const at = written.get(document.id);
          if (at === undefined) continue;
          lags.push(now - at);
          written.delete(document.id);
        }
      };
      const stop = new AbortController();
      const worker = app.get(SearchSyncService).drainAll({ follow: true, signal: stop.signal });
      const ids = sample.doctorIds.slice(-Math.min(sample.doctorIds.length, 200 * seconds));
      const started = performance.now();
      let failures = 0;
      const inflight: Promise<void>[] = [];
      for (const [i, id] of ids.entries()) {
        const wait = started + (i * 1000) / 200 - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        inflight.push(
          doctors.update(staff, id, 1, { bio: `Updated by the index-lag benchmark (${i}).` }).then(
            () => void written.set(id, performance.now()),
            () => void (failures += 1),
          ),
        );
      }
      await Promise.all(inflight);
      const deadline = performance.now() + 30_000;
      while (written.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      stop.abort();
      await worker;
      engine.applyDoctors = apply;
      lags.sort((a, b) => a - b);
      const p99 = round(percentile(lags, 99));
      return [{ name: 'index-lag', value: p99, unit: 'ms p99', baseline: null, ratio: round(p99 / 1000, 3), goal: 'p99 ≤ 1 s at 200 writes/s (Postgres engine)', met: p99 <= 1000 && written.size === 0 && failures === 0, details: { writes: ids.length, failures, p50: round(percentile(lags, 50)), p95: round(percentile(lags, 95)), neverIndexed: written.size } }];
    },
  },
  {
    name: 'api-rss',
    async run({ databaseUrl, env, seconds, sample }) {
      // A fresh API process: its memory at rest, then at its peak under mixed reads and searches.
      const api = await startServerProcess(join(ROOT, 'dist', 'src', 'main.js'), { ...env, DATABASE_URL: databaseUrl });
      try {
        const idle = await api.rssMb();
        let peak = idle;
        const sampler = setInterval(() => void api.rssMb().then((mb) => (peak = Math.max(peak, mb)), () => undefined), 200);
        const paths = [
          ...sample.doctorIds.slice(0, 500).map((id) => `/v1/doctors/${id}`),
          ...sample.cities.map((c) => `/v1/search/doctors?city=${encode(c.city)}`),
          ...sample.familyNames.map((name) => `/v1/search/doctors?q=${encode(name)}`),
        ];
        const load = await httpLoad({ url: api.url, paths, seconds, connections: 16 });
        clearInterval(sampler);
        peak = round(Math.max(peak, await api.rssMb()), 1);
        return [{ name: 'api-rss', value: peak, unit: 'MB RSS (peak under load)', baseline: round(idle, 1), ratio: round(peak / 300, 3), goal: '≤ 300 MB', met: peak <= 300, details: { idleMb: round(idle, 1), load } }];
      } finally {
        await api.stop();
      }
    },
  },
];

/** Doctors, cities, specialties and names to query, drawn from the loaded data (most common first). */
export async function drawSample(databaseUrl: string): Promise<Sample> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = await client.query<{ id: string }>(`SELECT id FROM doctors WHERE version = 1 ORDER BY md5(id::text) LIMIT 20000`);
    const cities = await client.query<{ city: string; lat: number; lng: number }>(
      `SELECT city, avg(latitude) AS lat, avg(longitude) AS lng FROM practice_locations WHERE latitude IS NOT NULL GROUP BY city ORDER BY count(*) DESC LIMIT 30`,
    );
    const specialties = await client.query<{ code: string; name: string }>(
      `SELECT s.code, s.name FROM doctor_specialties ds JOIN specialties s ON s.code = ds.specialty_code GROUP BY s.code, s.name ORDER BY count(*) DESC LIMIT 20`,
    );
    const names = await client.query<{ family_name: string }>(`SELECT DISTINCT family_name FROM doctors ORDER BY family_name LIMIT 200`);
    return {
      doctorIds: ids.rows.map((r) => r.id),
      cities: cities.rows.map((r) => ({ city: r.city, lat: round(Number(r.lat), 4), lng: round(Number(r.lng), 4) })),
      specialties: specialties.rows,
      familyNames: names.rows.map((r) => r.family_name),
    };
  } finally {
    await client.end();
  }
}
