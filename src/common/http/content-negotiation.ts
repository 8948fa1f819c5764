interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  return header.split(',').flatMap((part) => {
    const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    return Number.isFinite(q) ? [{ type, subtype, q }] : [];
  });
}

/** How well a range matches: exact 2, `type/*` 1, `*\/*` 0, no match -1. */
function specificity(range: MediaRange, type: string, subtype: string): number {
  if (range.type === type && range.subtype === subtype) return 2;
  if (range.type === type && range.subtype === '*') return 1;
  if (range.type === '*' && range.subtype === '*') return 0;
  return -1;
}

/**
 * The offered media type an Accept header prefers: by the q of its most specific matching range, ties going to the
 * earlier offer. Without a header, or when nothing offered is acceptable, the first offer (we answer rather than 406).
 */
export function preferredMediaType<T extends string>(accept: string | undefined, offered: readonly [T, ...T[]]): T {
  if (!accept) return offered[0];
  const ranges = parseAccept(accept);
  let best: { media: T; q: number } = { media: offered[0], q: 0 };
  for (const media of offered) {
    const [type = '', subtype = ''] = media.split('/');
    let matched: { q: number; specificity: number } = { q: 0, specificity: -1 };
    for (const range of ranges) {
      const s = specificity(range, type, subtype);
      if (s > matched.specificity) matched = { q: range.q, specificity: s };
    }
    if (matched.q > best.q) best = { media, q: matched.q };
  }
  return best.media;
}
