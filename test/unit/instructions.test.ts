// "Copy with instructions": the sender's message around a link.
import { describe, expect, it } from 'vitest';
import { expiresWords, fillInstructions, readsWords } from '../../utils/share/instructions';
import { DEFAULT_INSTRUCTIONS } from '../../utils/storage';

const NOW = new Date(2026, 11, 1, 10, 0).getTime();
const LINK = 'https://notes.example.com/n/FKxG4oAgwmYMtP2pVwdYDA#1.EKhC3nwcvmIIsPmlUwNUCL52z4voqGrNk_rEL5xs3bE';
const facts = { link: LINK, expiresAt: new Date(2026, 11, 1, 18, 40).getTime(), maxReads: 1 };

describe('fillInstructions', () => {
  it('fills the default message with the link, the expiry as a time that stays true, and the reads', () => {
    expect(fillInstructions(DEFAULT_INSTRUCTIONS, facts, NOW, 'en-GB')).toBe(
      `One-time link: ${LINK}\nIt can be opened once and expires today at 18:40. If it says it was already read, tell me: someone else opened it first.`);
  });

  it('says the day when it expires on another day, and counts reads', () => {
    const later = { ...facts, expiresAt: new Date(2026, 11, 3, 9, 5).getTime(), maxReads: 3 };
    expect(fillInstructions('{reads}, until {expires}: {link}', later, NOW, 'en-GB')).toBe(`3 times, until on 3 Dec, 09:05: ${LINK}`);
  });

  it.each([
    ['every placeholder twice', '{link} {link}', `${LINK} ${LINK}`],
    ['no {link}: the link goes on a line of its own', 'Open this once:', `Open this once:\n${LINK}`],
    ['unknown placeholders stay as typed', 'Hi {name}: {link}', `Hi {name}: ${LINK}`],
  ])('%s', (_what, template, expected) => {
    expect(fillInstructions(template, facts, NOW, 'en-GB')).toBe(expected);
  });

  it('words reads and times', () => {
    expect(readsWords(1)).toBe('once');
    expect(readsWords(10)).toBe('10 times');
    expect(expiresWords(facts.expiresAt, NOW, 'en-GB')).toBe('today at 18:40');
  });
});
