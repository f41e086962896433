// Settings an organisation pushes, in Firefox ESR with the built Firefox (MV2) extension: Firefox
// reads an add-on's managed storage from a "storage" manifest (docs/DEPLOY.md shows it). The test
// writes that manifest into a temporary home folder and starts Firefox with HOME pointing there,
// so nothing is written outside the test's own folders. The options page shows the organisation's
// server locked, and the popup makes links on it with its token and defaults.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLink } from '../../../utils/core/link';
import { removeTempFolder, tempFolder } from '../../helpers/process';
import { startServer, type RunningServer } from '../../helpers/server';
import { expectOrganisationPolicy, OptionsUi } from '../pages/Options';
import { PopupUi, POPUP } from '../pages/Popup';
import { GECKO_ID, launchFirefox, ui, type FirefoxExtension } from './fixtures';

const TOKEN = 'example-corp-create-token-0123456789';

let org: RunningServer;
let home: string;
let ff: FirefoxExtension;

/** Writes the managed storage manifest where Firefox on Linux looks for it, under `home`. */
function writeManagedStorage(folder: string, data: Record<string, unknown>): void {
  const manifest = { name: GECKO_ID, description: 'Burnlink settings of Example Corp', type: 'storage', data };
  // ~/.mozilla is where Firefox has always looked; newer releases may use the XDG folder instead.
  for (const dir of [path.join(folder, '.mozilla', 'managed-storage'), path.join(folder, '.config', 'mozilla', 'managed-storage')]) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${GECKO_ID}.json`), JSON.stringify(manifest));
  }
}

beforeAll(async () => {
  org = await startServer({ env: { CREATE_TOKEN: TOKEN, EXPIRY_CHOICES: '5m,1h,24h', DEFAULT_EXPIRY: '24h' } });
  home = tempFolder('burnlink-home-');
  writeManagedStorage(home, { server: org.url, createToken: TOKEN, lockServer: true, defaultExpiry: 3600, defaultReads: 3 });
  ff = await launchFirefox({ env: { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') } });
});
afterAll(async () => {
  await ff?.close();
  await org?.stop();
  if (home) removeTempFolder(home);
});

describe('Firefox: settings from the organisation (managed storage)', () => {
  it('shows the organisation\'s server, token and defaults locked in the options', async () => {
    const options = new OptionsUi(ui(await ff.openExtensionPage('options.html', { width: 1100, height: 1300 })));
    await options.ready();
    await options.ui.until(() => document.querySelector('.notice.managed') !== null, null);
    await expectOrganisationPolicy(options, org.url);
    await options.ui.screenshot('firefox-options-managed');
  });

  it('makes links on the organisation\'s server, with its token and its defaults', async () => {
    const popup = new PopupUi(ui(await ff.openExtensionPage('popup.html', { width: 370, height: 600 })));
    expect(await popup.serverChecked()).toContain(`127.0.0.1:${org.port}`);
    expect(await popup.ui.value(POPUP.reads)).toBe('3');
    expect(await popup.ui.value(POPUP.expiry)).toBe('3600');
    await popup.create('VPN_PSK=example-corp-rollout');
    const link = await popup.link();
    // Only the organisation's create token gets a note into its server.
    expect(link.startsWith(`${org.url}/n/`)).toBe(true);
    expect(parseLink(link).ok).toBe(true);
  });
});
