/**
 * Reads one sample out of a Prometheus text exposition: the value of `name` whose labels
 * include `labels` (summed when several series match, e.g. across languages), or undefined
 * when none does.
 */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) {
      total = (total ?? 0) + Number(match[3]);
    }
  }
  return total;
}

/** GET /metrics at `base` with `token` (if any): the status and the text. */
export async function scrape(base: string, token?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}/metrics`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  return { status: response.status, text: await response.text() };
}
