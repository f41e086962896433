import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApi } from '../../utils/api';
import { parseLink } from '../../utils/link';
import { revealNote, shareSecret } from '../../utils/note';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.stop(); });

it('shares and reveals once', async () => {
  const api = createApi({ server: server.url });
  const shared = await shareSecret(api, 'hunter2\nline two  ', { expiresIn: 3600 });
  if (!shared.ok) throw new Error(shared.error.message);
  const link = parseLink(shared.value.link);
  if (!link.ok) throw new Error(link.error.message);
  const first = await revealNote(api, link.value);
  expect(first).toEqual({ ok: true, value: { secret: 'hunter2\nline two  ', readsLeft: 0 } });
  const second = await revealNote(api, link.value);
  expect(second.ok).toBe(false);
  if (!second.ok) expect(second.error).toMatchObject({ code: 'gone', state: 'read' });
});
