/** ISO-8601 UTC without milliseconds, the form Graph uses in these resources. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
