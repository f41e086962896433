// "Copy with instructions": the sender's message around a link, with its placeholders filled in.
// No imports beyond wording: the popup uses it.
import { clockTime } from '../core/format';

export interface InstructionsFacts {
  link: string;
  expiresAt: number;
  maxReads: number;
}

/** "once", "3 times". */
export function readsWords(maxReads: number): string {
  return maxReads === 1 ? 'once' : `${maxReads} times`;
}

/** "today at 18:40", "on Dec 2, 18:40": a time that stays true after it is pasted. */
export function expiresWords(at: number, now: number, locale?: string): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return `${sameDay ? 'today at' : 'on'} ${clockTime(at, now, locale)}`;
}

/**
 * The template with {link}, {expires} and {reads} filled in. A template without {link} gets the
 * link on a line of its own after it: the link is the point of the message.
 */
export function fillInstructions(template: string, facts: InstructionsFacts, now: number, locale?: string): string {
  const values: Record<string, string> = {
    link: facts.link,
    expires: expiresWords(facts.expiresAt, now, locale),
    reads: readsWords(facts.maxReads),
  };
  const filled = template.replace(/\{(link|expires|reads)\}/g, (_, name: string) => values[name] ?? '');
  return template.includes('{link}') ? filled : `${filled.trimEnd()}\n${facts.link}`;
}
