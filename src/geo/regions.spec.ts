import { describe, expect, it } from 'vitest';
import {
  canadianProvinceForPostalCode,
  countryNames,
  findRegions,
  isInCountry,
  regionByCode,
  regionCode,
  REGIONS,
} from './regions.js';

const codesOf = (text: string, country?: string): string[] => findRegions(text, country).map((region) => `${region.country}:${region.code}`);

describe('REGIONS', () => {
  it('has one entry per code within a country', () => {
    const keys = REGIONS.map((region) => `${region.country}:${region.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('covers every US state, DC and the territories', () => {
    expect(REGIONS.filter((region) => region.country === 'US')).toHaveLength(51);
    expect(codesOf('Puerto Rico')).toEqual(['PR:PR']);
  });
});

describe('findRegions', () => {
  it.each([
    ['WA', ['US:WA', 'AU:WA']],
    ['wa', ['US:WA', 'AU:WA']],
    ['Washington', ['US:WA']],
    ['ON', ['CA:ON']],
    ['Ontario', ['CA:ON']],
    ['Québec', ['CA:QC']],
    ['quebec', ['CA:QC']],
    ['NSW', ['AU:NSW']],
    ['New South Wales', ['AU:NSW']],
    ['England', ['GB:ENG']],
    ['Connaught', ['IE:C']],
    ["Hawke's Bay", ['NZ:F2']],
    ['Narnia', []],
    ['', []],
  ])('reads %j as %j', (text, codes) => {
    expect(codesOf(text)).toEqual(codes);
  });

  it('limits to a country, counting US territories as US', () => {
    expect(codesOf('WA', 'AU')).toEqual(['AU:WA']);
    expect(codesOf('PR', 'US')).toEqual(['PR:PR']);
    expect(codesOf('Ontario', 'US')).toEqual([]);
  });

  it('accepts GeoNames admin-1 codes when the country is known', () => {
    expect(codesOf('08', 'CA')).toEqual(['CA:ON']);
    expect(codesOf('08')).toEqual([]);
  });
});

describe('regionCode', () => {
  it.each([
    ['US', 'NY', 'NY'],
    ['CA', '08', 'ON'],
    ['AU', '02', 'NSW'],
    ['GB', 'ENG', 'ENG'],
    ['NZ', 'E7', 'E7'],
    ['PR', '127', 'PR'],
    ['FR', '11', '11'],
    ['FR', '', null],
  ])('shows %s admin-1 %j as %j', (country, admin1, code) => {
    expect(regionCode(country, admin1)).toBe(code);
  });
});

describe('regionByCode', () => {
  it('finds a region by the code we show', () => {
    expect(regionByCode('CA', 'QC')?.name).toBe('Quebec');
    expect(regionByCode('US', 'QC')).toBeUndefined();
  });
});

describe('canadianProvinceForPostalCode', () => {
  it.each([
    ['M5V 3L9', 'ON'],
    ['h2x', 'QC'],
    ['V6B', 'BC'],
    ['X0A 0H0', 'NU'],
    ['X1A 2L9', 'NT'],
    ['A1C', 'NL'],
  ])('puts %j in %s', (postalCode, province) => {
    expect(canadianProvinceForPostalCode(postalCode)?.code).toBe(province);
  });

  it('knows no province for letters Canada Post does not use first', () => {
    expect(canadianProvinceForPostalCode('D1A 1A1')).toBeUndefined();
    expect(canadianProvinceForPostalCode('')).toBeUndefined();
  });
});

describe('countries', () => {
  it('names a country in English and by its common aliases', () => {
    expect(countryNames('GB')).toEqual(expect.arrayContaining(['United Kingdom', 'UK', 'Great Britain']));
    expect(countryNames('US')).toEqual(expect.arrayContaining(['United States', 'USA', 'America']));
    expect(countryNames('CA')).toEqual(['Canada']);
  });

  it('counts US territories in the US', () => {
    expect(isInCountry('PR', 'US')).toBe(true);
    expect(isInCountry('US', 'US')).toBe(true);
    expect(isInCountry('CA', 'US')).toBe(false);
    expect(isInCountry('US', 'PR')).toBe(false);
  });
});
