import { tokenize } from '../../bot/commands';

const words = (text: string): string[] => tokenize(text).tokens.map((t) => (t.isQuoted ? `"${t.text}"` : t.text));

describe('tokenize', () => {
  it.each([
    ['pause profile Contoso High', ['pause', 'profile', 'Contoso', 'High']],
    ['pause profile "Contoso High"', ['pause', 'profile', '"Contoso High"']],
    ['for"Workday to AD"scope', ['for', '"Workday to AD"', 'scope']],
    ['\u201cA\u201d \u201eB\u201d', ['"A"', '"B"']],
    ['<at id="0">Sync Ops</at> help', ['help']],
    ['<div><at>SyncOps</at></div> help', ['help']],
    ['help <at>Ada</at>', ['help', 'Ada']],
    ['a&nbsp;b\u00a0c\u200bd\r\ne', ['a', 'b', 'c', 'd', 'e']],
    ['&lt;name&gt;', ['<name>']],
    ['a<br>b', ['a', 'b']],
  ])('splits %p into %p', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('reports a quote that never closes and keeps the words before it', () => {
    expect(tokenize('pause profile "Contoso')).toEqual({
      tokens: [{ text: 'pause', isQuoted: false }, { text: 'profile', isQuoted: false }],
      isUnbalanced: true,
    });
  });

  it('removes only the first mention, so a later one stays a word', () => {
    expect(words('<at>SyncOps</at> <at>Ada</at> help')).toEqual(['Ada', 'help']);
  });
});
