/**
 * The event stream (`streamEvents`), as `x-chert-stream` describes it: any number of
 * clients, each new event as a `data:` line holding the event row, a comment line as a
 * heartbeat, and after the connection's life an `event: close` frame, then the end. A
 * client that goes away releases its timers and its place at once.
 */
import type { ServerResponse } from 'node:http';

export interface StreamTimings {
  heartbeatMs: number;
  lifeMs: number;
  closeEvent: string;
}

interface Client {
  res: ServerResponse;
  heartbeat: NodeJS.Timeout;
  life: NodeJS.Timeout;
}

export class StreamHub {
  private readonly clients = new Set<Client>();

  constructor(private readonly timings: StreamTimings) {}

  get size(): number {
    return this.clients.size;
  }

  /** Serves one client: `backlog` first (a resume with `since`), then every new event. */
  open(res: ServerResponse, backlog: unknown[]): void {
    const client: Client = {
      res,
      heartbeat: setInterval(() => res.write(': heartbeat\n\n'), this.timings.heartbeatMs),
      life: setTimeout(() => {
        res.end(`event: ${this.timings.closeEvent}\n\n`);
        this.release(client);
      }, this.timings.lifeMs),
    };
    this.clients.add(client);
    res.on('close', () => this.release(client));
    res.on('error', () => this.release(client));
    // The headers go out now, so a client knows it is connected before the first event.
    res.flushHeaders();
    for (const row of backlog) res.write(frame(row));
  }

  publish(row: unknown): void {
    if (!this.clients.size) return;
    const text = frame(row);
    for (const client of this.clients) client.res.write(text);
  }

  /** Ends every connection with the close frame (the sandbox is stopping). */
  closeAll(): void {
    for (const client of [...this.clients]) {
      client.res.end(`event: ${this.timings.closeEvent}\n\n`);
      this.release(client);
    }
  }

  private release(client: Client): void {
    if (!this.clients.delete(client)) return;
    clearInterval(client.heartbeat);
    clearTimeout(client.life);
  }
}

function frame(row: unknown): string {
  return `data: ${JSON.stringify(row)}\n\n`;
}
