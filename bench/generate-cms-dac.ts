import { parseArgs } from 'node:util';
import { writeCmsDacFile } from './cms-dac-generator.js';

/**
 * `npm run bench:generate-cms -- --rows 100000 --out /tmp/cms-100k.csv [--layout short|long] [--seed n] [--first-npi n]`:
 * a synthetic CMS Doctors and Clinicians file for import benchmarks. NPIs count up from the nine digits of
 * --first-npi, so files generated from different starts hold different people.
 */
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    out: { type: 'string' },
    layout: { type: 'string', default: 'short' },
    seed: { type: 'string', default: '20261125' },
    'first-npi': { type: 'string', default: '150000000' },
  },
});
const rows = Number.parseInt(values.rows, 10);
if (!values.out || !Number.isInteger(rows) || rows < 0 || (values.layout !== 'short' && values.layout !== 'long')) {
  process.stderr.write('Usage: generate-cms-dac --rows <n> --out <file.csv> [--layout short|long] [--seed <n>] [--first-npi <9 digits>]\n');
  process.exit(2);
}
const started = performance.now();
const bytes = await writeCmsDacFile(values.out, {
  rows,
  layout: values.layout,
  seed: Number.parseInt(values.seed, 10),
  firstNpi: Number.parseInt(values['first-npi'], 10),
});
process.stderr.write(`Wrote ${rows} rows (${(bytes / 1e6).toFixed(1)} MB) to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
