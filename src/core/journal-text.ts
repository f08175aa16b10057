// A journal body as JSON text, for any value a request can carry: credentials masked, and a body
// nested deeper than `journalMaxDepth` or longer than `journalMaxBytes` kept as a cut marker
// {"$cut": true, "reason": "too_deep" | "too_large", "bytes": <whole text in UTF-8>, "head": <first 1,024 characters>}
// ("unserialisable", bytes 0 and no head, for a value with no JSON text: a cycle, a BigInt).
// It never throws, so no request can stop the journal being written (README, "Journal and durability").

/** The largest journal body, in UTF-8 bytes of its JSON text: request and response alike. */
export const journalMaxBytes = 64 * 1024;
/** The deepest nesting kept; real provider bodies are two or three levels deep. */
export const journalMaxDepth = 32;
/** Characters of a cut body's text kept as its head. */
export const journalHeadChars = 1024;

export interface CutBody {
  $cut: true;
  reason: 'too_deep' | 'too_large' | 'unserialisable';
  bytes: number;
  head: string;
}

/** Field names whose values are credentials (Freepay's `api` key and card secrets included): never kept in full. */
const secretFields = new Set(['apikey', 'secretkey', 'accesstoken', 'refreshtoken', 'token', 'password', 'authorization', 'api', 'pin2', 'cvv2']);
const mayHoldSecret = /"(apikey|secretkey|accesstoken|refreshtoken|token|password|authorization|api|pin2|cvv2)"\s*:/i;
/**
 * The server's own words that sit under a secret field's name (a page's answer names the refused
 * PIN2 with its message): shown, not masked. A value equal to one of these is public text, so
 * even a client that typed it as a secret gives nothing away.
 */
const serverTexts = new Set<string>();

/** Declares messages the server writes under secret field names, so the journal keeps them readable. */
export function declareServerTexts(texts: Iterable<string>): void {
  for (const text of texts) serverTexts.add(text);
}

const isSecret = (key: string, value: unknown): value is string => typeof value === 'string' && secretFields.has(key.toLowerCase()) && !serverTexts.has(value);

/** `mahak-default-secret-key` → `maha…-key`; short values are starred out entirely. */
export function maskSecret(value: string): string {
  return value.length > 12 ? `${value.slice(0, 4)}…${value.slice(-4)}` : '****';
}

/** A copy of `value` with every credential field masked, at any depth (callers bound the depth). */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, isSecret(key, v) ? maskSecret(v) : maskSecrets(v)]));
}

/** JSON text of `value` for the journal, or null for no body. Total: any value gives text. */
export function journalText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  try {
    if (deeperThan(value, journalMaxDepth)) return cut('too_deep', walkText(value));
    let text = JSON.stringify(value) as string | undefined;
    if (text === undefined) return null;
    if (mayHoldSecret.test(text)) text = JSON.stringify(maskSecrets(value));
    // A character is at most three UTF-8 bytes: a text under a third of the limit cannot pass it.
    if (text.length > journalMaxBytes / 3 && Buffer.byteLength(text) > journalMaxBytes) return cut('too_large', { head: text.slice(0, journalHeadChars), bytes: Buffer.byteLength(text) });
    return text;
  } catch {
    // A cycle, a getter that throws or a BigInt in an answer: recorded as what could not be written.
    return JSON.stringify({ $cut: true, reason: 'unserialisable', bytes: 0, head: '' } satisfies CutBody);
  }
}

function cut(reason: CutBody['reason'], { head, bytes }: { head: string; bytes: number }): string {
  // Never end on half of a surrogate pair.
  const clean = /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
  return JSON.stringify({ $cut: true, reason, bytes, head: clean } satisfies CutBody);
}

/** Whether `value` nests objects or arrays more than `limit` levels; walks no deeper than that. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

interface Frame {
  of: object;
  /** An object's keys; null for an array. */
  keys: string[] | null;
  next: number;
  /** Members written so far: the next one needs a comma. */
  written: number;
}

const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
const hasToJson = (v: object): v is { toJSON(): unknown } => typeof (v as { toJSON?: unknown }).toJSON === 'function';

/** Deeper than any body a route lets in: a value this deep is taken for a cycle. */
const walkMaxDepth = 1_000_000;

/**
 * The head and UTF-8 size of `value`'s JSON text (secrets masked) with a stack of its own, so
 * any depth is safe. A cycle (which no parsed body has) throws, as JSON.stringify does; a set
 * of the objects on the path would find it sooner but costs more than the rest of the walk.
 */
function walkText(value: unknown): { head: string; bytes: number } {
  let head = '';
  let bytes = 0;
  const emit = (text: string, ascii: boolean) => {
    if (head.length < journalHeadChars) head += text.slice(0, journalHeadChars - head.length);
    bytes += ascii ? text.length : Buffer.byteLength(text);
  };
  const frames: Frame[] = [];
  const write = (raw: unknown) => {
    const v = raw !== null && typeof raw === 'object' && hasToJson(raw) ? raw.toJSON() : raw;
    if (v === null || typeof v !== 'object') return emit(typeof v === 'bigint' ? `"${v}"` : (JSON.stringify(v) ?? 'null'), typeof v !== 'string');
    if (frames.length >= walkMaxDepth) throw new TypeError('a value nested a million levels deep (a cycle?)');
    const array = Array.isArray(v);
    emit(array ? '[' : '{', true);
    frames.push({ of: v, keys: array ? null : Object.keys(v), next: 0, written: 0 });
  };
  write(value);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const { of, keys } = frame;
    if (keys === null) {
      const list = of as unknown[];
      if (frame.next < list.length) {
        const child = list[frame.next++];
        if (frame.written++ > 0) emit(',', true);
        write(skipped(child) ? null : child);
        continue;
      }
    } else {
      const record = of as Record<string, unknown>;
      while (frame.next < keys.length && skipped(record[keys[frame.next]!])) frame.next++;
      if (frame.next < keys.length) {
        const key = keys[frame.next]!;
        const child = record[key];
        frame.next++;
        emit(`${frame.written++ > 0 ? ',' : ''}${JSON.stringify(key)}:`, false);
        write(isSecret(key, child) ? maskSecret(child) : child);
        continue;
      }
    }
    emit(keys === null ? ']' : '}', true);
    frames.pop();
  }
  return { head, bytes };
}
