// Chromium's own policy test page (chrome://policy/test), as an administrator uses it: import a
// list of policies for the extension, apply them. The browser's policy service then checks them
// against the extension's managed_schema.json and hands them to it as `storage.managed`, as it
// does with the policy files of a managed machine (which live in /etc and need root).
import type { ExtensionBrowser } from '../fixtures';

// The service worker's own `chrome` (no @types/chrome here): only what is used.
declare const chrome: { storage: { managed: { get(keys: null): Promise<Record<string, unknown>> } } };

/** POLICY_SOURCE_PLATFORM, POLICY_SCOPE_DEVICE, POLICY_LEVEL_MANDATORY: as from a machine's policy file. */
const FROM_PLATFORM = { source: 5, scope: 1, level: 1 };

/**
 * Applies `values` as the extension's whole policy (in place of any applied before), and waits until
 * the extension can read exactly `delivered`: the values the browser accepts under the schema.
 */
export async function applyExtensionPolicy(
  ext: ExtensionBrowser,
  values: Record<string, unknown>,
  delivered: Record<string, unknown> = values,
): Promise<void> {
  const page = await ext.context.newPage();
  try {
    await page.goto('chrome://policy/test');
    const rows = Object.entries(values).map(([name, value]) => ({ namespace: ext.extensionId, name, value, ...FROM_PLATFORM }));
    await page.locator('#import-policies-file-input').setInputFiles({
      name: 'burnlink-policy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(rows)),
    });
    // The imported rows are in the page's table before they are applied.
    await page.waitForFunction((n) => (document.querySelector('policy-test-table') as unknown as { getTestPoliciesJsonString(): string })
      .getTestPoliciesJsonString().includes(`"name":"${n}"`), Object.keys(values).at(-1) ?? '');
    await page.locator('#apply-policies').click();
  } finally {
    await page.close();
  }
  await waitForManaged(ext, delivered);
}

async function waitForManaged(ext: ExtensionBrowser, values: Record<string, unknown>): Promise<void> {
  const want = JSON.stringify(Object.entries(values).sort());
  const until = Date.now() + 15_000;
  for (;;) {
    const seen = JSON.stringify(Object.entries(await ext.worker.evaluate(() => chrome.storage.managed.get(null))).sort());
    if (seen === want) return;
    if (Date.now() > until) throw new Error(`the extension's managed storage stayed ${seen}, expected ${want}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
