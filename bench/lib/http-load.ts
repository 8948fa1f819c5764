import autocannon from 'autocannon';
import { round } from './results.js';

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** The value below which `p` percent of the sorted samples lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * autocannon against `url`, closed loop with `connections`: `paths` are taken in turn. Percentiles come from every
 * response's own time, not from autocannon's buckets.
 */
export function httpLoad(options: { url: string; paths: readonly string[]; seconds: number; connections: number }): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            setupRequest: (request) => {
              next = (next + 1) % options.paths.length;
              return { ...request, method: 'GET', path: options.paths[next] };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        latencies.sort((a, b) => a - b);
        resolve({
          requestsPerSecond: round(result.requests.average, 1),
          total: result.requests.total,
          p50: round(percentile(latencies, 50)),
          p95: round(percentile(latencies, 95)),
          p99: round(percentile(latencies, 99)),
          non2xx: result.non2xx,
          errors: result.errors,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}

/**
 * Open loop: one request every 1/rate seconds whatever the server does (autocannon's rate limit sends each second's
 * requests in a burst), each latency counted from the moment it was due, so a slow server cannot hide its queue.
 */
export async function openLoop(options: { url: string; paths: readonly string[]; seconds: number; rate: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const count = options.rate * options.seconds;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inflight.push(
      fetch(`${options.url}${options.paths[i % options.paths.length]}`).then(
        async (response) => {
          await response.arrayBuffer();
          latencies.push(performance.now() - due);
          if (response.status < 200 || response.status > 299) non2xx += 1;
        },
        () => void (errors += 1),
      ),
    );
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: round(count / ((performance.now() - started) / 1000), 1),
    total: count,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    non2xx,
    errors,
  };
}
