import { describe, expect, it } from 'vitest';
import { titleCaseInstitution, titleCaseName } from './name-case.js';

describe('titleCaseName', () => {
  it.each([
    ['PEREZ-RODRIGUEZ', 'Perez-Rodriguez'],
    ['MCDONALD', 'McDonald'],
    ["O'BRIEN", "O'Brien"],
    ['HALE HELPS', 'Hale Helps'],
    ['SOCRATES', 'Socrates'],
    ['B.', 'B.'],
    ['JR.', 'Jr.'],
    ['III', 'III'],
    ['IV', 'IV'],
    ['MACHADO', 'Machado'],
    ['  DE  LA CRUZ ', 'De La Cruz'],
    ['ÉLODIE', 'Élodie'],
  ])('%s → %s', (input, expected) => {
    expect(titleCaseName(input)).toBe(expected);
  });

  it('keeps text that already has lower-case letters as written', () => {
    expect(titleCaseName(' van der Berg ')).toBe('van der Berg');
    expect(titleCaseName('MacKenzie')).toBe('MacKenzie');
  });
});

describe('titleCaseInstitution', () => {
  it.each([
    ['GEORGE WASHINGTON UNIVERSITY SCHOOL OF MEDICINE', 'George Washington University School of Medicine'],
    ['UT SOUTHWESTERN UNIVERSITY HOSPITAL - WILLIAM P. CLEMENTS JR.', 'UT Southwestern University Hospital - William P. Clements Jr.'],
    ['NEW YORK-PRESBYTERIAN/BROOKLYN METHODIST HOSPITAL', 'New York-Presbyterian/Brooklyn Methodist Hospital'],
    ['NS/LIJ HS SOUTHSIDE HOSPITAL', 'NS/LIJ HS Southside Hospital'],
    ['MCLAREN LAPEER REGION', 'McLaren Lapeer Region'],
    ["ST. JOHN'S HOSPITAL", "St. John's Hospital"],
    ['LOS ROBLES HOSPITAL & MEDICAL CENTER', 'Los Robles Hospital & Medical Center'],
    ['THE UNIVERSITY OF TEXAS AT AUSTIN', 'The University of Texas at Austin'],
    ['MERCY HOSPITAL "NORTH" (MAIN CAMPUS)', 'Mercy Hospital "North" (Main Campus)'],
  ])('%s → %s', (input, expected) => {
    expect(titleCaseInstitution(input)).toBe(expected);
  });
});
