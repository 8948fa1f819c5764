// Regenerates src/accounts/passwords/common-passwords.txt from the password frequency list of zxcvbn
// (MIT, © Dan Wheeler and Dropbox, Inc.; the 30,000 most frequent passwords of public leak corpora).
//
//   npm pack zxcvbn@4.4.2 && tar xzf zxcvbn-4.4.2.tgz
//   node scripts/generate-common-passwords.mjs package/lib/frequency_lists.js
//
// Passwords shorter than the 10-character minimum are refused by length already, so the list keeps the common
// passwords of 10+ characters, plus the most common shorter ones padded to 10 with the digit run people append
// to meet a length rule ("password12", "qwerty1234"), all lower-cased.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const MIN_LENGTH = 10;
const PADDED_FROM_SHORTER = 3000;
const TARGET = resolve(import.meta.dirname, '..', 'src', 'accounts', 'passwords', 'common-passwords.txt');

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/generate-common-passwords.mjs <zxcvbn lib/frequency_lists.js>');
  process.exit(2);
}
const match = /passwords:\s*"([^"]*)"/.exec(readFileSync(source, 'utf8'));
if (!match) throw new Error(`${source} has no passwords list`);
const ranked = match[1].split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);

const list = new Set(ranked.filter((p) => p.length >= MIN_LENGTH));
let padded = 0;
for (const password of ranked) {
  if (padded === PADDED_FROM_SHORTER) break;
  if (password.length < 6 || password.length >= MIN_LENGTH) continue;
  const candidate = password + '1234567890'.slice(0, MIN_LENGTH - password.length);
  if (!list.has(candidate)) {
    list.add(candidate);
    padded += 1;
  }
}
writeFileSync(TARGET, `${[...list].join('\n')}\n`);
console.log(`${list.size} passwords written to ${TARGET}`);
