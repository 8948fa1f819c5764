/** 95 % two-sided, the usual choice for "most helpful" orderings. */
export const WILSON_Z = 1.96;

/**
 * Lower bound of the Wilson score interval for the share of "helpful" votes: 3 of 3 ranks below 90 of 100, and no
 * votes at all ranks last (0).
 */
export function wilsonLowerBound(helpful: number, total: number, z: number = WILSON_Z): number {
  if (total <= 0) return 0;
  const p = helpful / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return Math.max(0, (centre - margin) / (1 + z2 / total));
}
