/** A word of a command; a quoted word is taken literally and is never read as a keyword. */
export interface Token {
  text: string;
  isQuoted: boolean;
}

export interface Tokenized {
  tokens: Token[];
  // An opened quote that never closed; the tokens before it still name the command, for its usage.
  isUnbalanced: boolean;
}

// Teams auto-corrects straight quotes to typographic ones on some clients, and may pair them
// either way round, so any of these opens and any of them closes.
const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e', '\u201f']);

// Tag bodies are capped at 200 characters so that a text full of '<' is still scanned in linear time.
const LEADING_MENTION = /^(?:\s|&nbsp;|<(?!\/?at\b)[^<>]{0,200}>)*<at\b[^<>]{0,200}>[^<]{0,200}<\/at>/i;
const TAG = /<\/?[a-z][^<>]{0,200}>/gi;
const ENTITY = /&(nbsp|amp|lt|gt|quot|apos|#39|#160);/gi;
const ENTITY_TEXT: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#160': ' ',
};
// \s covers &nbsp; (U+00A0), newlines and U+FEFF; zero-width spaces come from copy and paste.
const SPACE_RUN = /[\s\u200b\u2060]+/g;

/**
 * Turns what Teams delivers into plain words: the leading @mention of the bot goes (when the
 * handler has not already removed it), other markup becomes a word break, and entities are decoded
 * after tags are gone so an escaped `&lt;name&gt;` stays text.
 */
export function normalizeText(text: string): string {
  return text
    .replace(LEADING_MENTION, ' ')
    .replace(TAG, ' ')
    .replace(ENTITY, (_, name: string) => ENTITY_TEXT[name.toLowerCase()] ?? '')
    .replace(SPACE_RUN, ' ');
}

/** Splits a message into words and quoted names, keeping the original case of every word. */
export function tokenize(text: string): Tokenized {
  const tokens: Token[] = [];
  let word = '';
  let quoted: string | null = null;
  const flush = (): void => {
    if (word !== '') tokens.push({ text: word, isQuoted: false });
    word = '';
  };
  for (const ch of normalizeText(text)) {
    if (quoted !== null) {
      if (!QUOTES.has(ch)) quoted += ch;
      else {
        tokens.push({ text: quoted.trim(), isQuoted: true });
        quoted = null;
      }
    } else if (ch === ' ') flush();
    else if (QUOTES.has(ch)) {
      flush();
      quoted = '';
    } else word += ch;
  }
  flush();
  return { tokens, isUnbalanced: quoted !== null };
}

/** The word as a keyword: keywords compare case-insensitively. */
export function keywordOf(token: Token | undefined): string | undefined {
  return token?.text.toLowerCase();
}

/** The word as a clause keyword (`for`, `scope`, `only`); a quoted word never is one. */
export function clauseWordOf(token: Token | undefined): string | undefined {
  return token && !token.isQuoted ? token.text.toLowerCase() : undefined;
}
