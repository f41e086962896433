// Finding credentials in a text: every rule's patterns, then one finding per stretch of text.
// Shared by the paste guard, the page scan, the tests and the benchmark.
import { kindOf, type Rule, RULES, type RuleId, type Span } from './rules';

export interface Finding extends Span {
  rule: RuleId;
  /** For people: "a GitHub personal access token". */
  kind: string;
}

export interface ScanOptions {
  /** Rules to leave out (the person turned them off). */
  skip?: ReadonlySet<string>;
}

/** Every credential in `text`, in order, none overlapping. */
export function findSecrets(text: string, options: ScanOptions = {}): Finding[] {
  const candidates: { finding: Finding; generic: boolean }[] = [];
  for (const rule of RULES as readonly (Rule & { id: RuleId })[]) {
    if (options.skip?.has(rule.id)) continue;
    for (const { pattern, requires } of rule.matchers) {
      if (requires !== undefined && !text.includes(requires)) continue;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        const verdict = rule.accept ? rule.accept(m, text) : true;
        if (verdict === false) continue;
        const span = verdict === true ? { start: m.index, end: m.index + m[0].length } : verdict;
        candidates.push({ finding: { rule: rule.id, kind: kindOf(rule), ...span }, generic: rule.generic === true });
      }
    }
  }
  return settle(candidates);
}

/**
 * One finding per stretch of text: format-specific findings before keyword ones, then the
 * longest first (a service-account JSON over the private key inside it).
 */
function settle(candidates: { finding: Finding; generic: boolean }[]): Finding[] {
  if (candidates.length <= 1) return candidates.map((c) => c.finding);
  candidates.sort((a, b) => Number(a.generic) - Number(b.generic)
    || (b.finding.end - b.finding.start) - (a.finding.end - a.finding.start)
    || a.finding.start - b.finding.start);
  // Kept findings, sorted by start and never overlapping: one binary search per candidate.
  const kept: Finding[] = [];
  for (const { finding } of candidates) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.start < finding.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > finding.start) || (after && after.start < finding.end)) continue;
    kept.splice(lo, 0, finding);
  }
  return kept;
}
