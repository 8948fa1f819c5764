import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe } from 'vitest';

/** `../shared` beside the repository: present in CI, absent in a user's clone. */
export const SHARED_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared');

export const sharedPath = (...segments: string[]): string => resolve(SHARED_DIR, ...segments);

export const hasShared = (...segments: string[]): boolean => existsSync(sharedPath(...segments));

/**
 * A describe block that needs a file from `../shared`: skipped, with a visible notice, when it is absent.
 */
export function describeWithShared(name: string, segments: string[], body: () => void): void {
  const present = hasShared(...segments);
  if (!present) {
    console.warn(`[skipped] "${name}": ${sharedPath(...segments)} is not available (../shared is absent in a user's clone)`);
  }
  describe.skipIf(!present)(name, body);
}
