import { readFileSync } from 'node:fs';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

let common: ReadonlySet<string> | undefined;

/** The bundled list (lower-cased, one per line; see scripts/generate-common-passwords.mjs), loaded on first use. */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0),
  );
  return common;
}

export const isCommonPassword = (password: string): boolean => commonPasswords().has(password.toLowerCase());

/** Why a password is refused; empty when it is acceptable. Length counts characters, not UTF-16 units. */
export function passwordProblems(password: string): string[] {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return [`must be at least ${MIN_PASSWORD_LENGTH} characters`];
  if (length > MAX_PASSWORD_LENGTH) return [`must be at most ${MAX_PASSWORD_LENGTH} characters`];
  if (isCommonPassword(password)) return ['is too common: it appears on lists of leaked passwords'];
  return [];
}
