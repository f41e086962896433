// Human wording for sizes and times, in the user's locale. No imports: the popup, the settings
// pages, the recipient page and the server all use it, and none of them should pay for more.

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "in 5 hours", "3 minutes ago". */
export function relativeTime(at: number, now: number, locale?: string): string {
  const diff = at - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    const n = Math.round(diff / size);
    if (Math.abs(n) >= 1 || unit === 'second') return format.format(n, unit);
  }
  return format.format(0, 'second');
}

/** "10:42" today, otherwise a short date and time. */
export function clockTime(at: number, now: number, locale?: string): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(locale, sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** "5 minutes", "24 hours", "7 days" for an expiry choice in seconds. */
export function durationLabel(seconds: number): string {
  for (const [unit, size] of [['day', 86_400], ['hour', 3600], ['minute', 60]] as const) {
    if (seconds % size === 0) {
      const n = seconds / size;
      if (unit === 'day' && n === 1) return '24 hours';
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** "512 bytes", "4.5 KB", "1.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  if (bytes < 1000 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const encoder = new TextEncoder();

/** Bytes of `text` in UTF-8: what the server's size limit counts. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
