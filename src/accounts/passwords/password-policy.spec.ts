import { describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblems } from './password-policy.js';
import { hashPassword, verifyPassword } from './password-hasher.js';

describe('password policy', () => {
  it('accepts a long uncommon password', () => {
    expect(passwordProblems('correct horse battery staple')).toEqual([]);
  });

  it('refuses fewer than 10 characters, counting characters rather than UTF-16 units', () => {
    expect(passwordProblems('short-pw1')).toEqual(['must be at least 10 characters']);
    // Nine emoji are 18 UTF-16 units but 9 characters.
    expect(passwordProblems('😀'.repeat(9))).toEqual(['must be at least 10 characters']);
    expect(passwordProblems('😀'.repeat(10))).toEqual([]);
  });

  it('refuses passwords on the bundled list whatever their case', () => {
    for (const password of ['password123', 'PASSWORD123', 'Qwerty1234', '1234567890', 'qwertyuiop']) {
      expect(isCommonPassword(password), password).toBe(true);
      expect(passwordProblems(password)[0], password).toMatch(/too common/);
    }
    expect(isCommonPassword('violet-harbour-lantern')).toBe(false);
  });

  it('ships a few thousand entries of at least 10 characters', async () => {
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(new URL('./common-passwords.txt', import.meta.url), 'utf8')).trim().split('\n');
    expect(lines.length).toBeGreaterThan(3000);
    expect(lines.every((line) => line.length >= 10 && line === line.toLowerCase())).toBe(true);
  });
});

describe('password hashing', () => {
  it('hashes with argon2id and verifies only the same password', async () => {
    const hash = await hashPassword('violet-harbour-lantern');
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(hash, 'violet-harbour-lantern')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'Violet-harbour-lantern')).resolves.toBe(false);
    await expect(verifyPassword('not-a-hash', 'violet-harbour-lantern')).resolves.toBe(false);
  });
});
