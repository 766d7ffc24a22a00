import { GRAMMAR, editDistance, suggestCommands } from '../../bot/commands';

describe('suggestCommands', () => {
  it('suggests pause for pase', () => {
    expect(suggestCommands('pase')).toEqual(['pause profile <name|id>', 'pause job <jobId> [for <app>]']);
  });

  it('suggests profiles first for profils', () => {
    expect(suggestCommands('profils')[0]).toBe('profiles');
  });

  it('suggests restart for a missing letter', () => {
    expect(suggestCommands('resart')).toEqual(['restart job <jobId> [for <app>] [scope <flag, …>|full]']);
  });

  it('suggests help for two swapped letters', () => {
    expect(suggestCommands('hlep')).toEqual(['help']);
  });

  it('compares without case', () => {
    expect(suggestCommands('WACTHING')).toEqual(['watching']);
  });

  it('suggests nothing for a word far from every command', () => {
    expect(suggestCommands('xyzzy')).toEqual([]);
    expect(suggestCommands('')).toEqual([]);
  });

  it('allows one edit only for short words', () => {
    expect(suggestCommands('jb')).toEqual(['job <jobId> [for <app>]']);
    expect(suggestCommands('xx')).toEqual([]);
  });

  it('suggests at most three commands', () => {
    const rows = ['a', 'b', 'c', 'd'].map((noun) => ({ ...GRAMMAR[0], verb: 'pause', noun, usage: `pause ${noun}` }));
    expect(suggestCommands('pause', rows)).toEqual(['pause a', 'pause b', 'pause c']);
  });

  it('answers quickly for a very long word', () => {
    const started = Date.now();
    expect(suggestCommands('p'.repeat(1_000_000))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['pause', 'pause', 0],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    ['pase', 'pause', 1],
  ])('counts %p to %p as %p edits', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});
