import { createHash, randomUUID } from 'node:crypto';
import { type AuditEntry, type AuditLog, validatedDay } from './auditLog';
import type { BlobContainer } from './blobContainer';

const FOLDER = 'audit/';

/**
 * One blob per entry, `audit/<UTC day>/<conversation hash>/<time>-<sequence>-<random>`, each created with
 * If-None-Match: * and never changed. Chosen over append blobs with conditional appends because
 * instances appending at once never contend (each entry has its own name, so no append-position retries);
 * an append blob also stops at 50,000 blocks, which a busy district would reach; and a finished Put Blob is
 * committed, so `append` resolves only once the entry is durable, as the file log's fsync does.
 * Day folders let a lifecycle rule or an admin delete old days whole; the conversation folder lets
 * `recent` read only that conversation's entries. Append blob limits:
 * https://learn.microsoft.com/rest/api/storageservices/understanding-block-blobs--append-blobs--and-page-blobs
 */
export class BlobAuditLog implements AuditLog {
  private sequence = 0;

  constructor(private readonly blobs: BlobContainer) {}

  async append(entry: AuditEntry): Promise<void> {
    const day = validatedDay(entry);
    // The entry's own time orders the names, then this process's append order, then a random tie-break.
    const order = `${String(Date.parse(entry.at)).padStart(13, '0')}-${String(this.sequence++ % 1e6).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
    await this.blobs.upload(`${FOLDER}${day}/${conversationFolder(entry.conversationId)}/${order}`, JSON.stringify(entry), { ifNoneMatch: '*' });
  }

  async recent(conversationId: string, limit: number): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    if (limit <= 0) return found;
    const days = (await this.blobs.listFolders(FOLDER)).sort().reverse();
    for (const day of days) {
      const names = (await this.blobs.listNames(`${day}${conversationFolder(conversationId)}/`)).sort().reverse();
      const wanted = names.slice(0, limit - found.length);
      const entries = await Promise.all(wanted.map((name) => this.blobs.download(name)));
      for (const blob of entries) if (blob) found.push(JSON.parse(blob.text) as AuditEntry);
      if (found.length >= limit) break;
    }
    return found;
  }
}

/** Teams conversation ids carry ':', ';' and '@' and run long; a hash makes a safe, fixed-length folder name. */
function conversationFolder(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 32);
}
