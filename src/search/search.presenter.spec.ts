import { describe, expect, it } from 'vitest';
import { distanceKm, nearestDistanceKm } from './search.presenter.js';

describe('distances', () => {
  it('measures great circles (Manhattan to Seattle is about 3,864 km)', () => {
    expect(distanceKm({ lat: 40.7831, lng: -73.9712 }, { lat: 47.6062, lng: -122.3321 })).toBeCloseTo(3864, 0);
    expect(distanceKm({ lat: 10, lng: 10 }, { lat: 10, lng: 10 })).toBe(0);
  });

  it('takes the nearest located practice, or null without one', () => {
    const place = (lat: number, lng: number) => ({ city: null, region: null, country: 'US', coordinates: { lat, lng } });
    expect(nearestDistanceKm([place(0, 1), place(0, 0.1)], { lat: 0, lng: 0 })).toBeCloseTo(11.12, 1);
    expect(nearestDistanceKm([{ ...place(0, 0), coordinates: null }], { lat: 0, lng: 0 })).toBeNull();
  });
});
