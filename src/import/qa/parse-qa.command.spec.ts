import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../common/cli/cli-runtime.js';
import { parseQaPage } from '../parsers/qa-page.parser.js';
import { runParseQaCommand } from './qa-import.commands.js';
import { readFileSync } from 'node:fs';

const fixture = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'qa-pages', 'eyelid-swelling.txt');

describe('npm run cli -- parse:qa <file>', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints the parse as JSON and nothing else on stdout', async () => {
    const stdout: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(chunk.toString());
      return true;
    });
    await runParseQaCommand(fixture);
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0])).toEqual(parseQaPage(readFileSync(fixture, 'utf8')));
  });

  it('refuses an unreadable file with a one-line error', async () => {
    const failure = runParseQaCommand(join(fixture, 'missing'));
    await expect(failure).rejects.toBeInstanceOf(CliError);
    await expect(failure).rejects.toThrow(/^Cannot read .*missing: ENOTDIR$/);
  });
});
