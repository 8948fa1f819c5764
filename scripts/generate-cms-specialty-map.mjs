// Regenerates the data block of src/doctors/specialties/cms-specialty-map.ts from the CMS Medicare
// Provider and Supplier Taxonomy Crosswalk CSV (US federal data, public domain).
//
//   node scripts/generate-cms-specialty-map.mjs [crosswalk.csv] [--check]
//
// The CSV defaults to ../shared/reference/ beside the repository. --check exits 1 when the
// committed block differs from what the CSV gives, without writing.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

const ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_CSV = resolve(ROOT, '..', 'shared', 'reference', 'cms_medicare_specialty_taxonomy_crosswalk_2025-01-02.csv');
const TARGET = resolve(ROOT, 'src', 'doctors', 'specialties', 'cms-specialty-map.ts');
const BEGIN = '// <generated>';
const END = '// </generated>';
const TAXONOMY_CODE = /^[0-9]{3}[0-9A-Z]{6}X$/;
// Footnote markers are glued to values: "87[3]", "Undefined Physician type[6]".
const FOOTNOTE = /\[\d+\]/g;

const args = process.argv.slice(2);
const check = args.includes('--check');
const csvPath = resolve(args.find((arg) => !arg.startsWith('--')) ?? DEFAULT_CSV);

/** @param {string} value */
const cleanText = (value) => value.replace(FOOTNOTE, '').replace(/\s+/g, ' ').trim();
/** @param {string} value codes carry trailing spaces, no-break spaces and line breaks */
const cleanCode = (value) => value.replace(FOOTNOTE, '').replace(/\s+/g, '').toUpperCase();
/** @param {string} value */
const quote = (value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** @type {string[][]} */
const rows = parse(readFileSync(csvPath, 'utf8'), { bom: true, from_line: 2, skip_empty_lines: true, relax_column_count: true });

/** @type {Map<string, { medicareCode: string; taxonomyCodes: string[] }>} one entry per Medicare name, first code kept */
const specialties = new Map();
for (const [rawMedicareCode = '', rawName = '', rawTaxonomyCode = ''] of rows) {
  const name = cleanText(rawName);
  const taxonomyCode = cleanCode(rawTaxonomyCode);
  if (!name || !TAXONOMY_CODE.test(taxonomyCode)) continue;
  const specialty = specialties.get(name) ?? { medicareCode: cleanCode(rawMedicareCode), taxonomyCodes: [] };
  if (!specialty.taxonomyCodes.includes(taxonomyCode)) specialty.taxonomyCodes.push(taxonomyCode);
  specialties.set(name, specialty);
}

const entries = [...specialties].map(
  ([name, { medicareCode, taxonomyCodes }]) =>
    `  { medicareCode: ${quote(medicareCode)}, name: ${quote(name)}, taxonomyCodes: [${taxonomyCodes.map(quote).join(', ')}] },`,
);
const block = [
  `${BEGIN} by scripts/generate-cms-specialty-map.mjs from ${basename(csvPath)}; edit the script, not this block.`,
  'export const MEDICARE_SPECIALTIES: readonly MedicareSpecialty[] = [',
  ...entries,
  '];',
  END,
].join('\n');

const source = readFileSync(TARGET, 'utf8');
const start = source.indexOf(BEGIN);
const end = source.indexOf(END, start);
if (start < 0 || end < 0) throw new Error(`${TARGET} has no ${BEGIN} ... ${END} block`);
const updated = source.slice(0, start) + block + source.slice(end + END.length);

if (check) {
  if (updated !== source) {
    process.stderr.write(`${TARGET} is out of date with ${csvPath}; run node scripts/generate-cms-specialty-map.mjs\n`);
    process.exit(1);
  }
} else {
  writeFileSync(TARGET, updated);
  process.stdout.write(`Wrote ${specialties.size} Medicare specialties to ${TARGET}\n`);
}
