import { GRAMMAR, type GrammarRow } from './grammar';

// Words are cut before comparing so one pasted paragraph cannot make the quadratic distance slow.
const MAX_COMPARED_LENGTH = 40;
const MAX_SUGGESTIONS = 3;

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  // Three rolling rows: the swap of two neighbouring letters looks two rows back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2] + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * Usage lines of the commands whose verb is nearest to an unknown word, at most three. Short
 * words allow one edit and longer ones two, so that a random word suggests nothing rather than noise.
 */
export function suggestCommands(word: string, rows: readonly GrammarRow[] = GRAMMAR): string[] {
  const typed = word.toLowerCase().slice(0, MAX_COMPARED_LENGTH);
  const limit = typed.length <= 3 ? 1 : 2;
  const scored = rows.map((row) => ({ usage: row.usage, distance: editDistance(typed, row.verb) }));
  const nearest = Math.min(...scored.map((s) => s.distance));
  if (nearest > limit) return [];
  return scored
    .filter((s) => s.distance === nearest)
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.usage);
}
