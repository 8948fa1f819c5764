let sequence = 0;

/** A valid external-rating observation body; override any field (undefined removes it). */
export function makeObservation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  const body: Record<string, unknown> = {
    source: 'google',
    sourceUrl: `https://maps.example.com/place/${sequence}`,
    value: 4.5,
    scale: 5,
    reviewCount: 12,
    observedAt: '2026-04-01T09:30:00.000Z',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
