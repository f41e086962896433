import { describe, expect, it } from 'vitest';
import { MIN_OTHER_LINK_LENGTH, mayHoldOtherLink, otherLinkShape, otherLinksIn } from '../../../utils/reveal/other-link-shapes';
import { recogniseLink } from '../../../utils/reveal/readers';
import { LOOK_ALIKES, REAL_LINKS } from './links';

// The content script's shapes are a copy of the readers' rules without their imports: these
// tests keep the two from drifting apart.

const OTHER = REAL_LINKS.filter(([tool]) => tool !== 'burnlink');

describe('other tools\' link shapes (content script)', () => {
  it.each(OTHER)('%s: %s has its tool\'s shape', (tool, href) => {
    expect(otherLinkShape(href)).toBe(tool);
    expect(href.length).toBeGreaterThanOrEqual(MIN_OTHER_LINK_LENGTH);
  });

  it.each(LOOK_ALIKES)('no button for %s', (href) => {
    expect(otherLinkShape(href)).toBeUndefined();
  });

  it('agrees with the readers on every real link and look-alike, and on their variants', () => {
    const variants = [...OTHER.map(([, href]) => href), ...LOOK_ALIKES].flatMap((href) => [
      href, `${href}/`, href.replace('https://', 'http://'), href.slice(0, -1), `${href}x`, href.replace('#', '#x'),
    ]);
    for (const href of variants) {
      const reader = recogniseLink(href);
      const tool = reader === undefined ? undefined : reader.ok ? reader.value.tool : 'refused';
      const shape = otherLinkShape(href);
      // A shape may be wider than a reader only where the reader refuses with a sentence.
      expect({ href, shape: shape ?? null }).toEqual({ href, shape: tool === undefined ? null : tool === 'refused' ? shape ?? null : tool });
    }
  });

  it('finds links in running text, without the punctuation after them', () => {
    const [privatebinLink] = OTHER.find(([tool]) => tool === 'privatebin')?.slice(1) ?? [];
    const [sendLink] = OTHER.find(([tool]) => tool === 'bitwarden-send')?.slice(1) ?? [];
    const text = `Here (${privatebinLink}), and: ${sendLink}. Not this: https://example.org/?q#x`;
    expect(otherLinksIn(text)).toEqual([privatebinLink, sendLink]);
    expect(mayHoldOtherLink('just words, no links')).toBe(false);
  });
});
