// A TCP proxy that injects network faults between the note server and a real redis-server, as a
// NAT, a load balancer, `CLIENT KILL` or a failover would: drop a reply and cut the connection,
// cut a command halfway, stall replies, or refuse connections for a while. Faults are armed for
// the next command whose bytes contain a given text (a note id, a piece of ciphertext), so a test
// can aim at one request among others.
import net from 'node:net';

type Fault =
  | { kind: 'drop-reply'; match: string; fired: () => void }
  | { kind: 'cut-command'; match: string; fired: () => void }
  | { kind: 'stall-reply'; match: string; ms: number; fired: () => void };

export interface FaultProxy {
  url: string;
  port: number;
  /** The next command containing `match` reaches Redis; its reply never comes back and the connection is cut. */
  dropReplyTo(match: string): Promise<void>;
  /** The next command containing `match` is cut off before `match`: Redis never gets it whole. */
  cutCommand(match: string): Promise<void>;
  /** Replies on the connection of the next command containing `match` are held for `ms`. */
  stallReplyTo(match: string, ms: number): Promise<void>;
  /** Refuses (closes at once) every new connection until `refuse(false)`, and cuts the open ones. */
  refuse(on: boolean): void;
  /** Connections opened so far (a client reconnecting opens a new one). */
  connections(): number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { port: number; host?: string }): Promise<FaultProxy> {
  const armed: Fault[] = [];
  const open = new Set<net.Socket>();
  let refusing = false;
  let opened = 0;

  const server = net.createServer((client) => {
    opened++;
    if (refusing) return client.destroy();
    const upstream = net.connect(target.port, target.host ?? '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const cut = () => { client.destroy(); upstream.destroy(); };
    client.on('close', () => { open.delete(client); upstream.destroy(); });
    upstream.on('close', () => { open.delete(upstream); client.destroy(); });
    client.on('error', cut);
    upstream.on('error', cut);

    let dropReplies = false;
    let heldUntil = 0;
    let held: Buffer[] = [];
    // The last bytes sent, so that a match split between two chunks is still found.
    let tail = '';
    client.on('data', (chunk: Buffer) => {
      const text = tail + chunk.toString('latin1');
      tail = text.slice(-256);
      const index = armed.findIndex((fault) => text.includes(fault.match));
      const fault = index < 0 ? undefined : armed.splice(index, 1)[0];
      if (fault?.kind === 'cut-command') {
        const at = chunk.toString('latin1').indexOf(fault.match);
        upstream.write(chunk.subarray(0, Math.max(0, at)), () => { cut(); fault.fired(); });
        return;
      }
      if (fault?.kind === 'drop-reply') {
        dropReplies = true;
        fault.fired();
      }
      if (fault?.kind === 'stall-reply') {
        heldUntil = Date.now() + fault.ms;
        setTimeout(() => { for (const part of held) client.write(part); held = []; fault.fired(); }, fault.ms);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (dropReplies) return cut();
      if (Date.now() < heldUntil) return void held.push(chunk);
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const arm = (fault: (fired: () => void) => Fault) => new Promise<void>((resolve) => { armed.push(fault(resolve)); });

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dropReplyTo: (match) => arm((fired) => ({ kind: 'drop-reply', match, fired })),
    cutCommand: (match) => arm((fired) => ({ kind: 'cut-command', match, fired })),
    stallReplyTo: (match, ms) => arm((fired) => ({ kind: 'stall-reply', match, ms, fired })),
    refuse: (on) => {
      refusing = on;
      if (on) for (const socket of open) socket.destroy();
    },
    connections: () => opened,
    close: () => new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
