// Other tools' links in the built extension, in real Chromium: what the extension's own pages may
// run to open them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './fixtures';

let ext: ExtensionBrowser;

beforeAll(async () => {
  ext = await launchWithExtension();
});
afterAll(async () => {
  await ext?.close();
});

describe("the extension pages' security policy", () => {
  it('compiles WebAssembly (Argon2 for Yopass) and still refuses eval and new Function', async () => {
    const page = await ext.openExtensionPage('options.html');
    const outcome = await page.evaluate(async () => {
      // The smallest valid module: magic number and version.
      const wasm = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
      const tryIt = async (run: () => unknown) => {
        try {
          await run();
          return 'ran';
        } catch (error) {
          return error instanceof Error ? error.name : 'refused';
        }
      };
      return {
        wasm: await tryIt(() => WebAssembly.compile(wasm)),
        eval: await tryIt(() => (0, eval)('1 + 1')),
        newFunction: await tryIt(() => new Function('return 1')()),
      };
    });
    expect(outcome).toEqual({ wasm: 'ran', eval: 'EvalError', newFunction: 'EvalError' });
    await page.close();
  });
});
