import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../../../common/text/fold.js';
import { SPECIALTY_CATALOG } from '../../../doctors/specialties/specialty-catalog.js';
import { toMeiliDocuments } from './meilisearch.engine.js';
import { DOCTOR_SETTINGS, specialtySynonyms } from './meili-settings.js';
import type { DoctorSearchDocument } from '../../search-documents.js';

describe('specialtySynonyms', () => {
  const synonyms = specialtySynonyms();

  it('links every patient word of a specialty to its name and noun, both ways', () => {
    expect(synonyms['skin doctor']).toEqual(expect.arrayContaining(['dermatology', 'dermatologist']));
    expect(synonyms.dermatologist).toEqual(expect.arrayContaining(['skin doctor', 'dermatology']));
  });

  it('covers the whole catalog, with no term its own synonym', () => {
    for (const specialty of SPECIALTY_CATALOG) expect(synonyms[foldForMatch(specialty.name)]).toBeDefined();
    for (const [term, others] of Object.entries(synonyms)) expect(others).not.toContain(term);
  });

  it('is what the doctor index is configured with', () => {
    expect(DOCTOR_SETTINGS.synonyms).toEqual(synonyms);
    expect(DOCTOR_SETTINGS.distinctAttribute).toBe('id');
  });
});

describe('toMeiliDocuments', () => {
  const base = { id: 'd1', locations: [] } as unknown as DoctorSearchDocument;
  const at = (lat: number, lng: number) => ({ city: 'X', region: null, country: 'US', coordinates: { lat, lng } });

  it('gives one document per located practice, each with its _geo', () => {
    const documents = toMeiliDocuments({ ...base, locations: [at(1, 2), { ...at(0, 0), coordinates: null }, at(3, 4)] });
    expect(documents.map((d) => [d.key, d._geo])).toEqual([
      ['d1-0', { lat: 1, lng: 2 }],
      ['d1-1', { lat: 3, lng: 4 }],
    ]);
  });

  it('gives a single document without _geo to a doctor with no coordinates', () => {
    expect(toMeiliDocuments(base)).toEqual([{ ...base, key: 'd1-0' }]);
  });
});
