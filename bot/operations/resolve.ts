import { editDistance } from '../commands/suggest';
import type { Target } from '../commands/types';
import { GraphError } from '../graph/errors';

/** How a name the admin typed matched: one item, several, or none (with the closest names). */
export type Match<T> = { kind: 'one'; item: T } | { kind: 'several'; items: T[] } | { kind: 'none'; closest: string[]; nearest?: T[] };

/**
 * Case-insensitive exact name first, then a unique prefix, then a unique substring. Stops at the first
 * rule that matches anything, so "Contoso High" picks the profile named exactly that even when
 * "Contoso High Summer" exists.
 */
export function matchByName<T>(items: readonly T[], query: string, nameOf: (item: T) => string): Match<T> {
  const wanted = query.trim().toLowerCase();
  const rules: ((name: string) => boolean)[] = [
    (name) => name === wanted,
    (name) => name.startsWith(wanted),
    (name) => name.includes(wanted),
  ];
  for (const rule of rules) {
    const hits = items.filter((item) => rule(nameOf(item).toLowerCase()));
    if (hits.length === 1) return { kind: 'one', item: hits[0]! };
    if (hits.length > 1) return { kind: 'several', items: hits };
  }
  const closest = closestNames(items.map(nameOf), wanted);
  return { kind: 'none', closest, nearest: closest.map((name) => items.find((item) => nameOf(item) === name)!) };
}

/**
 * Up to three names nearest by edit distance (on the start of each name), for "did you mean". When none
 * is near, the three least far still show, so the admin sees what the tenant's names look like.
 */
function closestNames(names: string[], wanted: string): string[] {
  const ranked = names
    .map((name) => ({ name, distance: editDistance(name.toLowerCase().slice(0, wanted.length + 3), wanted) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const near = ranked.filter(({ distance }) => distance <= Math.max(3, Math.ceil(wanted.length / 2)));
  return (near.length ? near : ranked).slice(0, 3).map(({ name }) => name);
}

/** Finds one item by id (a direct read) or by name (a list, then matchByName). A 404 on the id is "none". */
export async function resolveTarget<T>(
  target: Target,
  byId: (id: string) => Promise<T>,
  listAll: () => Promise<T[]>,
  nameOf: (item: T) => string,
): Promise<Match<T>> {
  if (target.by === 'id') {
    try {
      return { kind: 'one', item: await byId(target.value) };
    } catch (error) {
      if (error instanceof GraphError && error.failure === 'notFound') return { kind: 'none', closest: [] };
      throw error;
    }
  }
  return matchByName(await listAll(), target.value, nameOf);
}
