// A TCP proxy on 127.0.0.1 in front of the test server, for fault tests: it forwards Bolt both
// ways until told to fail, then either goes silent (the peer keeps every connection open and
// accepts new ones, but never answers — a hung server or a dropped route) or goes down (every
// connection reset and the port closed — the server process killed).
import { createServer, type Server, Socket } from 'node:net';

export type ProxyMode = 'forward' | 'silent' | 'down';

export class BoltProxy {
  mode: ProxyMode = 'forward';
  /** Bytes forwarded from clients to the server so far. */
  bytesUp = 0;
  private readonly sockets = new Set<Socket>();
  private trigger: { bytes: number; mode: Exclude<ProxyMode, 'forward'>; fired: (at: number) => void } | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<BoltProxy> {
    const server = createServer();
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', ok);
    });
    const proxy = new BoltProxy(server, (server.address() as { port: number }).port);
    server.on('connection', (client) => proxy.accept(client, target));
    return proxy;
  }

  get uri(): string {
    return `bolt://127.0.0.1:${this.port}`;
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => undefined);
    if (this.mode !== 'forward') return; // silent: accepted, never answered
    const upstream = new Socket();
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      if (this.mode === 'forward') client.destroy();
    });
    upstream.on('error', () => undefined);
    client.on('close', () => {
      if (this.mode === 'forward') upstream.destroy();
    });
    upstream.connect(target.port, target.host);
    client.on('data', (b) => {
      if (this.mode !== 'forward') return;
      this.bytesUp += b.length;
      upstream.write(b);
      const t = this.trigger;
      if (t && this.bytesUp >= t.bytes) {
        this.trigger = undefined;
        this.fail(t.mode);
        t.fired(Date.now());
      }
    });
    upstream.on('data', (b) => {
      if (this.mode === 'forward') client.write(b);
    });
  }

  /** Fails once `bytes` more bytes went up to the server; resolves with the time it failed. */
  failAfter(bytes: number, mode: Exclude<ProxyMode, 'forward'>): Promise<number> {
    return new Promise((fired) => (this.trigger = { bytes: this.bytesUp + bytes, mode, fired }));
  }

  fail(mode: Exclude<ProxyMode, 'forward'>): void {
    this.mode = mode;
    if (mode === 'down') {
      this.server.close();
      for (const s of this.sockets) s.resetAndDestroy();
    }
  }

  /** Ends every connection and stops listening. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}
