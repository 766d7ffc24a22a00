import type { IncomingHttpHeaders } from 'node:http';

/**
 * A Graph answer read whole, with the part of the Fetch `Response` the Graph client's middleware and our
 * client use (status, ok, headers, text, json). One string and one Headers, no web stream behind it.
 */
export class BufferedResponse {
  readonly headers: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.headers = new Headers();
    for (const [name, value] of Object.entries(headers)) {
      if (Array.isArray(value)) for (const one of value) this.headers.append(name, one);
      else if (value !== undefined) this.headers.set(name, value);
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return '';
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}
