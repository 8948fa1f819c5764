import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** One line of `bench/results/latest.json`. */
export interface ScenarioResult {
  name: string;
  value: number;
  unit: string;
  /** The same measure for the baseline run side by side (null where the goal is absolute). */
  baseline: number | null;
  /** value / baseline, or for an absolute goal value / goal (so > 1 is better when higher is better). */
  ratio: number;
  goal: string;
  met: boolean;
  commit: string;
  date: string;
  /** Percentiles, counts and notes behind the value. */
  details: Record<string, unknown>;
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

export function commitOf(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function machine(): Record<string, unknown> {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version };
}
