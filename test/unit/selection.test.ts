// Reading the selection of a tab through scripting, and when the menu's own copy may stand in.
import { describe, expect, it } from 'vitest';
import { EMPTY_MESSAGE, NO_ACCESS_MESSAGE, readSelection, type ScriptingLike } from '../../utils/share/selection';

const answering = (frames: Array<{ frameId: number; result?: unknown }>): ScriptingLike => ({ executeScript: async () => frames });
const refusing: ScriptingLike = { executeScript: async () => { throw new Error('Cannot access contents of the page.'); } };

describe('readSelection', () => {
  it('returns the page\'s selection exactly, whitespace and all', async () => {
    const text = 'line 1  \n\n\tline 3   ';
    expect(await readSelection(answering([{ frameId: 0, result: text }]), { tabId: 1 }, 'line 1 line 3')).toEqual({ ok: true, value: text });
  });

  it('prefers the top frame, then any frame with a selection', async () => {
    expect(await readSelection(answering([{ frameId: 4, result: 'frame' }, { frameId: 0, result: 'top' }]), { tabId: 1 }))
      .toEqual({ ok: true, value: 'top' });
    expect(await readSelection(answering([{ frameId: 0, result: '' }, { frameId: 4, result: 'frame' }]), { tabId: 1 }))
      .toEqual({ ok: true, value: 'frame' });
  });

  it('asks only the frame the menu was opened in', async () => {
    const targets: unknown[] = [];
    const scripting: ScriptingLike = { executeScript: async (injection) => { targets.push(injection.target); return [{ frameId: 2, result: 'x' }]; } };
    await readSelection(scripting, { tabId: 9, frameId: 2 });
    expect(targets).toEqual([{ tabId: 9, frameIds: [2] }]);
  });

  it.each([
    ['the page cannot be read and the menu text has spaces', refusing, 'two words', { code: 'no_access', message: NO_ACCESS_MESSAGE }],
    ['the page cannot be read and there is no menu text', refusing, undefined, { code: 'no_access', message: NO_ACCESS_MESSAGE }],
    ['nothing is selected', answering([{ frameId: 0, result: '' }]), undefined, { code: 'empty', message: EMPTY_MESSAGE }],
    ['a frame answers something else than text', answering([{ frameId: 0, result: 42 }]), undefined, { code: 'empty', message: EMPTY_MESSAGE }],
  ])('refuses when %s', async (_case, scripting, fallback, error) => {
    expect(await readSelection(scripting, { tabId: 1 }, fallback)).toEqual({ ok: false, error });
  });

  it.each([
    ['the page cannot be read', refusing],
    ['the selection is in a frame it may not read', answering([{ frameId: 0, result: '' }])],
  ])('uses the menu\'s copy of a single token when %s: nothing in it can have been collapsed', async (_case, scripting) => {
    expect(await readSelection(scripting, { tabId: 1 }, 'ghp_token123')).toEqual({ ok: true, value: 'ghp_token123' });
  });
});
