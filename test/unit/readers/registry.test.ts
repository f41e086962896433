import { describe, expect, it } from 'vitest';
import { READERS, recogniseLink } from '../../../utils/reveal/readers';
import { privatebinFixtures } from '../../helpers/interop-fixtures';
import { LOOK_ALIKES, REAL_LINKS } from './links';

describe('recogniseLink', () => {
  it.each(REAL_LINKS)('%s: %s', (tool, href) => {
    const recognised = recogniseLink(href);
    expect(recognised).toMatchObject({ ok: true, value: { tool } });
    if (recognised?.ok) expect(recognised.value.beforeClick).toMatch(/^[\w ]+: /);
  });

  it.each(LOOK_ALIKES)('not a one-time link: %s', (href) => {
    expect(recogniseLink(href)).toBeUndefined();
  });

  it('each link is claimed by exactly one reader', () => {
    for (const [tool, href] of REAL_LINKS) {
      expect(READERS.filter((r) => r.recognise(href) !== undefined).map((r) => r.tool)).toEqual([tool]);
    }
  });

  it('says before the click that a PrivateBin reveal burns even with a wrong password', () => {
    const burn = privatebinFixtures.find((r) => r.burn);
    const recognised = burn ? recogniseLink(burn.link) : undefined;
    expect(recognised?.ok && recognised.value.beforeClick).toMatch(/^PrivateBin: opening burns this paste, even if/);
  });
});
