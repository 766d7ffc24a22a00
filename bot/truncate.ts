/**
 * Shortens text for a card to at most `max` UTF-16 units, ending in "…", without splitting what a
 * reader sees as one character. A plain `slice` can cut a surrogate pair in half (an emoji becomes a
 * lone surrogate, which JSON and Teams show as garbage) or split a ZWJ family or flag sequence.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept}…`;
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
