/** Collection paging shared by every list endpoint (reference §2.6). */
import { GraphFailure, type GraphRequest } from './protocol';

export interface PageOptions {
  /** Whether `$count=true` is honoured (directory queries need ConsistencyLevel: eventual for it). */
  allowCount: boolean;
  /** The Graph code for a bad `$top` or `$skiptoken` in this API family. */
  badRequestCode: string;
}

export interface Page<T> {
  '@odata.count'?: number;
  value: T[];
  '@odata.nextLink'?: string;
}

/** `$top` (1..999, default 100) and an opaque `$skiptoken` (or `$skip`). */
export function readPage(query: Record<string, string>, badRequestCode: string): { top: number; offset: number } {
  const topText = query.$top;
  const top = topText === undefined ? 100 : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > 999) {
    throw new GraphFailure(400, badRequestCode, `Invalid page size specified: '${topText}'. Must be between 1 and 999 inclusive.`);
  }
  if (query.$skiptoken !== undefined) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(query.$skiptoken, 'base64url').toString('utf8'));
    if (!match) throw new GraphFailure(400, badRequestCode, 'The $skiptoken is invalid or has expired.');
    return { top, offset: Number(match[1]) };
  }
  const offset = query.$skip === undefined ? 0 : Number(query.$skip);
  if (!Number.isInteger(offset) || offset < 0) throw new GraphFailure(400, badRequestCode, `Invalid $skip value '${query.$skip}'.`);
  return { top, offset };
}

/** The absolute nextLink for the page at `nextOffset`, carrying every original query option; `$` stays literal as in Graph's links. */
export function nextLink(origin: string, path: string, query: Record<string, string>, nextOffset: number): string {
  const options = Object.entries(query).filter(([key]) => key !== '$skiptoken' && key !== '$skip');
  options.push(['$skiptoken', Buffer.from(`offset:${nextOffset}`, 'utf8').toString('base64url')]);
  const text = options.map(([key, value]) => `${encodeURIComponent(key).replace(/^%24/, '$')}=${encodeURIComponent(value)}`).join('&');
  return `${origin}${encodeURI(path)}?${text}`;
}

/** One page of `items`; `@odata.count` only on the first page, nextLink only when more remain. */
export function pageOf<T>(items: T[], origin: string, request: GraphRequest, options: PageOptions): Page<T> {
  const { top, offset } = readPage(request.query, options.badRequestCode);
  const withCount = options.allowCount && request.query.$count === 'true' && offset === 0;
  const hasMore = offset + top < items.length;
  return {
    ...(withCount ? { '@odata.count': items.length } : {}),
    value: items.slice(offset, offset + top),
    ...(hasMore ? { '@odata.nextLink': nextLink(origin, request.path, request.query, offset + top) } : {}),
  };
}
