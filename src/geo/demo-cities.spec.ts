import { describe, expect, it } from 'vitest';
import { DEMO_CITIES } from './demo-cities.js';
import { Gazetteer } from './gazetteer.js';

// Rough [south, north, west, east] extents, enough to catch a city resolved in the wrong country.
const COUNTRY_EXTENTS: Readonly<Record<string, readonly [number, number, number, number]>> = {
  US: [18, 72, -180, -65],
  CA: [41, 84, -141, -52],
  GB: [49, 61, -9, 2],
  IE: [51, 56, -11, -5],
  AU: [-44, -10, 112, 154],
  NZ: [-48, -34, 166, 179],
};

describe('DEMO_CITIES', () => {
  const gazetteer = Gazetteer.shared();

  it('has at least 60 distinct cities in at least 6 countries, mostly in the US', () => {
    expect(DEMO_CITIES.length).toBeGreaterThanOrEqual(60);
    const keys = DEMO_CITIES.map((city) => `${city.name}|${city.region}|${city.country}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(DEMO_CITIES.map((city) => city.country)).size).toBeGreaterThanOrEqual(6);
    expect(DEMO_CITIES.filter((city) => city.country === 'US').length).toBeGreaterThan(DEMO_CITIES.length / 2);
  });

  it.each(DEMO_CITIES.map((city) => [`${city.name}, ${city.region}, ${city.country}`, city] as const))(
    'resolves %s to exactly that place',
    (_label, city) => {
      const result = gazetteer.geocode({ city: city.name, region: city.region, country: city.country });
      expect(result).toMatchObject({ status: 'matched', source: 'city', city: city.name, region: city.region, country: city.country, warning: null });
      const [south, north, west, east] = COUNTRY_EXTENTS[city.country] ?? [0, 0, 0, 0];
      expect(result.latitude).toBeGreaterThanOrEqual(south);
      expect(result.latitude).toBeLessThanOrEqual(north);
      expect(result.longitude).toBeGreaterThanOrEqual(west);
      expect(result.longitude).toBeLessThanOrEqual(east);
    },
  );

  it.each([
    ['Toronto', 43.65, -79.38],
    ['Montréal', 45.5, -73.57],
    ['New York', 40.71, -74.01],
    ['Los Angeles', 34.05, -118.24],
    ['London', 51.51, -0.13],
    ['Sydney', -33.87, 151.21],
    ['Auckland', -36.85, 174.76],
  ])('places %s near %d, %d', (name, latitude, longitude) => {
    const city = DEMO_CITIES.find((demo) => demo.name === name);
    const result = gazetteer.geocode({ city: name, region: city?.region, country: city?.country });
    expect(Math.abs((result.latitude ?? 0) - latitude)).toBeLessThan(0.1);
    expect(Math.abs((result.longitude ?? 0) - longitude)).toBeLessThan(0.1);
  });
});
