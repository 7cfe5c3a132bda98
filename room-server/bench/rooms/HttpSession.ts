/** A browser-like HTTP client of one server: keeps its cookies and sends the site's Origin. */
export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly url: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** POSTs `json` and returns the parsed answer; throws unless the status is `expected`. */
  async post<T = unknown>(path: string, json: unknown, expected: number): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.url, cookie: this.cookieHeader },
      body: JSON.stringify(json),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const pair = cookie.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await res.text();
    if (res.status !== expected) throw new Error(`POST ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async signIn(email: string, password: string): Promise<this> {
    await this.post('/api/auth/login', { email, password }, 200);
    return this;
  }
}
