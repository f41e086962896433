// Health and public settings: how clients learn that this is a Burnlink server and its limits.
import { Hono } from 'hono';
import { PROTOCOL_VERSION, type Health } from '../../utils/core/protocol';
import type { Config } from '../config';
import type { NoteStore } from '../store/store';

export function healthRoutes({ store, config }: { store: NoteStore; config: Config }) {
  return new Hono().get('/', async (c) => {
    const ok = await store.ping();
    return c.json({
      service: 'burnlink',
      protocol: PROTOCOL_VERSION,
      ok,
      store: store.kind,
      maxNoteBytes: config.maxNoteBytes,
      expiryChoices: config.expiryChoices,
      defaultExpiry: config.defaultExpiry,
      maxReads: config.maxReads,
      createTokenRequired: config.createToken !== undefined,
      webCreate: config.webCreate,
    } satisfies Health, ok ? 200 : 503);
  });
}
