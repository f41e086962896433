// Messages from the scripts Burnlink registers on web pages (link detector, paste guard) to the
// background, without @webext-core/messaging's code in those scripts (about 1.2 KB gzipped in
// each). The same wire format as utils/messaging.ts, whose `onMessage` handlers answer them:
// `{ id, type, data, timestamp }` out, `{ res }` or `{ err }` back.
import { bareApi } from './bare-api';
import type { ProtocolMap } from './messaging';

type Message = keyof ProtocolMap;
type Reply<K extends Message> = ReturnType<ProtocolMap[K]>;
type Data<K extends Message> = Parameters<ProtocolMap[K]>;

let nextId = Math.floor(Math.random() * 10_000);

/** Sends `type` with `data` to the background; rejects when nothing answers or the handler threw. */
export async function sendFromPage<K extends Message>(type: K, ...data: Data<K>): Promise<Reply<K>> {
  const reply = (await bareApi().runtime.sendMessage({ id: nextId++, type, data: data[0], timestamp: Date.now() })) as
    { res?: Reply<K>; err?: { message?: string } } | undefined;
  if (!reply) throw new Error('No response');
  if (reply.err != null) throw new Error(reply.err.message ?? 'The background refused the message.');
  return reply.res as Reply<K>;
}
