export const CANDIDATES: string[];
export function findChromium(): string | undefined;
