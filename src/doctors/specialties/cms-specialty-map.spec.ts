import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../../test/utils/shared.js';
import { cmsSpecialtyToCatalogCode, findMedicareSpecialty, MEDICARE_SPECIALTIES, medicareNameKey } from './cms-specialty-map.js';
import { findSpecialty, TAXONOMY_CODE_PATTERN } from './specialty-lookup.js';

describe('MEDICARE_SPECIALTIES', () => {
  it('holds well-formed taxonomy codes, base code first, no footnote markers', () => {
    expect(MEDICARE_SPECIALTIES.length).toBeGreaterThan(100);
    for (const specialty of MEDICARE_SPECIALTIES) {
      expect(specialty.taxonomyCodes.length, specialty.name).toBeGreaterThan(0);
      for (const code of specialty.taxonomyCodes) expect(code).toMatch(TAXONOMY_CODE_PATTERN);
      expect(`${specialty.medicareCode} ${specialty.name}`).not.toMatch(/\[\d+\]|^\s|\s$/);
    }
  });

  it('only merges Medicare names that cover the same codes when normalising them', () => {
    const byKey = new Map<string, readonly string[]>();
    for (const specialty of MEDICARE_SPECIALTIES) {
      const key = medicareNameKey(specialty.name);
      expect(byKey.get(key) ?? specialty.taxonomyCodes, specialty.name).toEqual(specialty.taxonomyCodes);
      byKey.set(key, specialty.taxonomyCodes);
    }
  });
});

describe('findMedicareSpecialty', () => {
  it.each([
    ['CARDIOVASCULAR DISEASE (CARDIOLOGY)', '06'],
    ['Physician/Cardiovascular Disease (Cardiology)', '06'],
    ['OBSTETRICS/GYNECOLOGY', '16'],
    ['ALLERGY/IMMUNOLOGY', '03'],
    ['FAMILY MEDICINE', '08'],
    ['FAMILY PRACTICE', '08'],
    ['CLINICAL PSYCHOLOGIST', '62'],
    ['PSYCHOLOGIST, CLINICAL', '62'],
    ['UNDEFINED PHYSICIAN TYPE', '99'],
  ])('reads %j as Medicare specialty %s', (name, medicareCode) => {
    expect(findMedicareSpecialty(name)?.medicareCode).toBe(medicareCode);
  });
});

describe('cmsSpecialtyToCatalogCode', () => {
  // Primary specialties of the CMS Doctors and Clinicians file, as it spells them.
  it.each([
    ['ALLERGY/IMMUNOLOGY', '207K00000X'],
    ['CARDIOVASCULAR DISEASE (CARDIOLOGY)', '207RC0000X'],
    ['CHIROPRACTIC', '111N00000X'],
    ['CLINICAL SOCIAL WORKER', '1041C0700X'],
    ['DERMATOLOGY', '207N00000X'],
    ['EMERGENCY MEDICINE', '207P00000X'],
    ['FAMILY MEDICINE', '207Q00000X'],
    ['FAMILY PRACTICE', '207Q00000X'],
    ['GASTROENTEROLOGY', '207RG0100X'],
    ['HEMATOLOGY', '207RH0000X'],
    ['INTERNAL MEDICINE', '207R00000X'],
    ['MICROGRAPHIC DERMATOLOGIC SURGERY (MDS)', '207ND0101X'],
    ['NURSE PRACTITIONER', '363L00000X'],
    ['OCCUPATIONAL THERAPY', '225X00000X'],
    ['OPTOMETRY', '152W00000X'],
    ['ORTHOPEDIC SURGERY', '207X00000X'],
    ['OSTEOPATHIC MANIPULATIVE MEDICINE', '204D00000X'],
    ['PATHOLOGY', '207ZP0102X'],
    ['PEDIATRIC MEDICINE', '208000000X'],
    ['PHYSICAL MEDICINE AND REHABILITATION', '208100000X'],
    ['PHYSICAL THERAPY', '225100000X'],
    ['PHYSICAL THERAPIST IN PRIVATE PRACTICE', '225100000X'],
    ['PODIATRY', '213E00000X'],
    ['PSYCHOLOGIST, CLINICAL', '103T00000X'],
    ['CLINICAL PSYCHOLOGIST', '103T00000X'],
    ['REGISTERED DIETITIAN OR NUTRITION PROFESSIONAL', '133V00000X'],
    ['SPORTS MEDICINE', '207QS0010X'],
    ['PHYSICIAN ASSISTANT', '363A00000X'],
    ['OBSTETRICS/GYNECOLOGY', '207V00000X'],
    ['PLASTIC AND RECONSTRUCTIVE SURGERY', '208200000X'],
    ['OTOLARYNGOLOGY', '207Y00000X'],
    ['CERTIFIED NURSE MIDWIFE (CNM)', '367A00000X'],
    ['CERTIFIED CLINICAL NURSE SPECIALIST (CNS)', '364S00000X'],
    ['HOSPICE/PALLIATIVE CARE', '207RH0002X'],
    ['HEMATOLOGY/ONCOLOGY', '207RH0003X'],
    ['ORAL SURGERY', '1223S0112X'],
    ['DENTIST', '122300000X'],
    ['GENERAL PRACTICE', '208D00000X'],
  ])('maps %j to %s', (cmsName, code) => {
    expect(cmsSpecialtyToCatalogCode(cmsName)).toBe(code);
  });

  it('prefers the catalog entry named like the Medicare specialty over a looser first crosswalk code', () => {
    expect(findMedicareSpecialty('ADDICTION MEDICINE')?.taxonomyCodes[0]).toBe('207L00000X');
    expect(cmsSpecialtyToCatalogCode('ADDICTION MEDICINE')).toBe('2084A0401X');
    expect(cmsSpecialtyToCatalogCode('GERIATRIC PSYCHIATRY')).toBe('2084P0805X');
    expect(cmsSpecialtyToCatalogCode('NEUROPSYCHIATRY')).toBe('2084B0040X');
  });

  it('falls back to a catalog entry of the same NUCC classification', () => {
    expect(findMedicareSpecialty('PERIPHERAL VASCULAR DISEASE')?.taxonomyCodes).toEqual(['2086S0129X']);
    expect(cmsSpecialtyToCatalogCode('INTERVENTIONAL PAIN MANAGEMENT')).toBe('208VP0000X');
  });

  it.each(['HEMATOPOIETIC CELL TRANSPLANTATION AND CELLULAR THERAPY', 'ANESTHESIOLOGY ASSISTANT', 'ASTRONAUT', ''])(
    'leaves %j unmapped',
    (cmsName) => {
      expect(cmsSpecialtyToCatalogCode(cmsName)).toBeUndefined();
    },
  );

  it('only ever answers with catalog codes', () => {
    for (const specialty of MEDICARE_SPECIALTIES) {
      const code = cmsSpecialtyToCatalogCode(specialty.name);
      if (code) expect(findSpecialty(code)?.code, specialty.name).toBe(code);
    }
  });
});

describeWithShared(
  'cms-specialty-map.ts against the CMS crosswalk',
  ['reference', 'cms_medicare_specialty_taxonomy_crosswalk_2025-01-02.csv'],
  () => {
    it('is what the generator makes of the CSV', () => {
      const script = resolve(import.meta.dirname, '..', '..', '..', 'scripts', 'generate-cms-specialty-map.mjs');
      const csv = sharedPath('reference', 'cms_medicare_specialty_taxonomy_crosswalk_2025-01-02.csv');
      const run = spawnSync(process.execPath, [script, csv, '--check'], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });
  },
);
