export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: Record<BrowserName, { env: string; candidates: string[]; install: string }>;
export function findBrowser(name: BrowserName, env?: Record<string, string | undefined>, exists?: (path: string) => boolean): string | undefined;
export function findChromium(): string | undefined;
export function findFirefox(): string | undefined;
export function missingBrowsers(env?: Record<string, string | undefined>, exists?: (path: string) => boolean): string[];
