import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditDiff } from './audit-diff.js';

describe('auditDiff', () => {
  it('keeps only the fields that changed, with both values', () => {
    expect(auditDiff({ bio: 'a', languages: ['en'], version: 1 }, { bio: 'b', languages: ['en'], version: 2 })).toEqual({
      bio: { before: 'a', after: 'b' },
      version: { before: 1, after: 2 },
    });
  });

  it('lists every field of a creation and of a deletion against null', () => {
    expect(auditDiff(null, { status: 'pending' })).toEqual({ status: { before: null, after: 'pending' } });
    expect(auditDiff({ roles: ['patient'] }, undefined)).toEqual({ roles: { before: ['patient'], after: null } });
  });

  it('compares nested values by content and treats a missing field as null', () => {
    expect(auditDiff({ locations: [{ city: 'Reno' }] }, { locations: [{ city: 'Reno' }] })).toEqual({});
    expect(auditDiff({ website: null }, {})).toEqual({});
  });

  it('is empty for identical snapshots and never loses a changed field', () => {
    const record = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue());
    fc.assert(
      fc.property(record, record, (a, b) => {
        expect(auditDiff(a, a)).toEqual({});
        const diff = auditDiff(a, b);
        for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
          const changed = JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null);
          expect(key in diff).toBe(changed);
        }
      }),
    );
  });
});
