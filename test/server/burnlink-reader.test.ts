// Burnlink's own reader, behind the interop interface, against the real note server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../utils/core/api';
import { shareSecret } from '../../utils/core/note';
import { burnlink } from '../../utils/reveal/readers/burnlink';
import { recordingFetch } from '../helpers/interop-fixtures';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
beforeAll(async () => { server = await startServer(); });
afterAll(() => server.stop());

async function share(secret: string, passphrase?: string) {
  const shared = await shareSecret(createApi({ server: server.url }), secret, { expiresIn: 3600, ...(passphrase ? { passphrase } : {}) });
  if (!shared.ok) throw new Error(shared.error.message);
  return shared.value.link;
}

function open(link: string) {
  const recognised = burnlink.recognise(link);
  if (!recognised?.ok) throw new Error(`not recognised: ${link}`);
  const env = recordingFetch();
  return { link: recognised.value, session: recognised.value.session({ fetch: env.fetch }), calls: env.calls };
}

describe('Burnlink reader', () => {
  it('checks without reading, reveals once, then says gone', async () => {
    const { session, calls } = open(await share('s3cret token'));
    expect(await session.precheck()).toMatchObject({ ok: true, value: { checked: true, passwordNeeded: false, views: 1 } });
    expect(calls.map((c) => c.url)).toEqual([expect.stringMatching(/\/peek$/)]);
    expect(await session.reveal()).toMatchObject({ ok: true, value: { text: 's3cret token', files: [] } });
    expect(await session.reveal()).toMatchObject({ ok: false, error: { code: 'gone' } });
  });

  it('asks for the passphrase from the peek even when the link lost its flag', async () => {
    const link = await share('with passphrase', 'horse battery');
    const stripped = link.replace('#1p.', '#1.');
    const { session } = open(stripped);
    expect(await session.precheck()).toMatchObject({ ok: true, value: { passwordNeeded: true } });
    expect(await session.reveal()).toMatchObject({ ok: false, error: { code: 'password_needed' } });
    expect(await session.reveal('wrong')).toMatchObject({ ok: false, error: { code: 'wrong_password' } });
    expect(await session.reveal('horse battery')).toMatchObject({ ok: true, value: { text: 'with passphrase' } });
  });
});
