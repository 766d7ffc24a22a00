/**
 * Keys are built by our code, but the action ids inside them arrive in card clicks, so every key is
 * checked before it becomes a path: `/`-separated segments of [A-Za-z0-9._-], none made only of dots,
 * none longer than 200 ('..' would climb out of the store; '.' and '...' are refused with it).
 */
// 200 leaves room for the '.json.lock.stale.<uuid>' a lock file can grow to within a 255-byte file name.
const SEGMENT = /^[A-Za-z0-9._-]{1,200}$/;
const ONLY_DOTS = /^\.+$/;
const PREFIX_CHARS = /^[A-Za-z0-9._/-]*$/;
const MAX_KEY_LENGTH = 512;

export function isValidKey(key: string): boolean {
  return (
    typeof key === 'string' &&
    key.length > 0 &&
    key.length <= MAX_KEY_LENGTH &&
    key.split('/').every((segment) => SEGMENT.test(segment) && !ONLY_DOTS.test(segment))
  );
}

export function assertValidKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`Invalid store key ${JSON.stringify(String(key).slice(0, 80))}`);
}

/** A prefix is any start of a valid key; its complete segments (before the last `/`) must be valid. */
export function assertValidPrefix(prefix: string): void {
  const directory = directoryOf(prefix);
  const isValid =
    typeof prefix === 'string' &&
    prefix.length <= MAX_KEY_LENGTH &&
    PREFIX_CHARS.test(prefix) &&
    (directory === '' || isValidKey(directory.slice(0, -1)));
  if (!isValid) throw new Error(`Invalid store prefix ${JSON.stringify(String(prefix).slice(0, 80))}`);
}

/** The part of a prefix up to and including its last `/` ('' when there is none). */
export function directoryOf(prefix: string): string {
  return prefix.slice(0, prefix.lastIndexOf('/') + 1);
}
