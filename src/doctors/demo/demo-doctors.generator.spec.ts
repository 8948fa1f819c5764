import { describe, expect, it } from 'vitest';
import { catalogSpecialtyForCode } from '../specialties/specialty-lookup.js';
import { generateDemoDoctors } from './demo-doctors.generator.js';

describe('demo doctors generator', () => {
  const doctors = [...generateDemoDoctors(2000)];

  it('is deterministic for a seed and streams lazily', () => {
    expect([...generateDemoDoctors(50)]).toEqual(doctors.slice(0, 50));
    const stream = generateDemoDoctors(Number.MAX_SAFE_INTEGER);
    expect(stream.next().value).toEqual(doctors[0]);
    expect([...generateDemoDoctors(50, 7)]).not.toEqual(doctors.slice(0, 50));
  });

  it('spreads doctors over at least 50 real cities in several countries, Toronto among them', () => {
    const cities = new Set(doctors.map((d) => `${d.location.city}|${d.location.country}`));
    expect(cities.size).toBeGreaterThanOrEqual(50);
    expect(new Set(doctors.map((d) => d.location.country)).size).toBeGreaterThanOrEqual(4);
    const toronto = doctors.filter((d) => d.location.city === 'Toronto');
    expect(toronto.length).toBeGreaterThan(0);
    for (const doctor of toronto) {
      expect(doctor.location.latitude).toBeCloseTo(43.65, 0);
      expect(doctor.location.longitude).toBeCloseTo(-79.38, 0);
    }
  });

  it('gives every city a dermatologist and uses only catalog specialties with fitting credentials', () => {
    const dermatologyCities = new Set(doctors.filter((d) => d.specialtyCodes[0] === '207N00000X').map((d) => d.location.city));
    expect(dermatologyCities.has('Toronto')).toBe(true);
    for (const doctor of doctors) {
      for (const code of doctor.specialtyCodes) expect(catalogSpecialtyForCode(code)?.code).toBe(code);
      if (doctor.clinicianType === 'physician') expect(doctor.credentials.some((c) => c === 'MD' || c === 'DO')).toBe(true);
    }
  });

  it('never generates an NPI', () => {
    for (const doctor of doctors) expect(JSON.stringify(doctor)).not.toMatch(/"npi"/i);
  });
});
