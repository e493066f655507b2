import { Writable } from 'node:stream';

/** Replaces every credential value currently in flight before a line reaches the user. */
export class Redactor {
  private readonly values = new Map<string, number>();

  add(values: string[]): () => void {
    for (const v of values) this.values.set(v, (this.values.get(v) ?? 0) + 1);
    return () => {
      for (const v of values) {
        const n = (this.values.get(v) ?? 1) - 1;
        if (n <= 0) this.values.delete(v);
        else this.values.set(v, n);
      }
    };
  }

  apply(line: string): string {
    let out = line;
    // Longest first, so a token inside a longer header value cannot leave a fragment behind.
    for (const v of [...this.values.keys()].sort((a, b) => b.length - a.length)) {
      out = out.split(v).join('[redacted]');
    }
    return out;
  }
}

const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * A pino destination for Prism's logger: one readable line per record
 * (`  prism NEGOTIATOR  Responding with the requested status code 200`), redacted.
 */
export function prismLogSink(log: (line: string) => void, redactor: Redactor): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      for (const text of String(chunk).split('\n')) {
        if (!text.trim()) continue;
        let line = text;
        try {
          const record = JSON.parse(text) as { name?: string; msg?: string };
          line = `  prism ${(record.name ?? '').padEnd(10)} ${String(record.msg ?? '').replace(ANSI, '')}`;
        } catch {
          // Not JSON: pass it through as it came.
        }
        log(redactor.apply(line));
      }
      done();
    },
  });
}

export interface LineFields {
  method: string;
  path: string;
  status: number;
  code?: number | undefined;
  example?: string | undefined;
  reason?: string | undefined;
  traceId: string;
}

/** The one concise line per request: method, path, status, Chert code (and why, on errors). */
export function requestLine(f: LineFields): string {
  const what = [f.code !== undefined ? String(f.code) : undefined, f.example].filter(Boolean).join(' ');
  const why = f.reason ? ` (${f.reason})` : '';
  return `${f.method} ${f.path} → ${f.status}${what ? ` ${what}` : ''}${why} trace=${f.traceId}`;
}
