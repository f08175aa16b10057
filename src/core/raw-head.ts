// The head of a request Node's parser refused, read again from the bytes it refused (its
// error's rawPacket), within Node's own header limit: the request line for every refusal, so the
// answer can take the shape of the family the path belongs to, and the whole request when the
// only fault was raw non-ASCII bytes in the target.
import { maxHeaderSize } from 'node:http';

export interface RequestLine {
  method: string;
  /** The target with each byte ≥ 0x80 percent-encoded, as a browser sends it (WHATWG URL). */
  target: string;
  /** Where the first such byte is in the packet, or -1. */
  firstRawByteAt: number;
  /** Whether the target holds only visible ASCII and such bytes (no control bytes). */
  servable: boolean;
  httpVersion: '1.0' | '1.1';
  /** Where the line and the headers after it start in the packet. */
  startsAt: number;
  headersAt: number;
}

export interface RawRequest extends RequestLine {
  /** Names and values in order, as IncomingMessage.rawHeaders. */
  rawHeaders: string[];
  body: Buffer;
}

// latin1 keeps one character per byte, so offsets in the text are offsets in the packet.
// The target is read up to its space whatever its bytes, to know its family; only one made of
// visible ASCII and raw non-ASCII bytes is served (readRawRequest).
const requestLinePattern = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) ([^ \r\n]{1,8192}) HTTP\/1\.([01])\r\n/;
const headerPattern = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*([^\x00-\x08\x0a-\x1f\x7f]*?)[ \t]*$/;

/**
 * The request line of the request Node stopped in: the line holding the byte it stopped at (a
 * fault in the target), else the one the packet starts with (a fault in the headers). Undefined
 * when neither is a request line, e.g. a line that began in an earlier packet.
 */
export function readRequestLine(packet: Buffer, stoppedAt = 0): RequestLine | undefined {
  const lineAt = stoppedAt > 0 ? packet.lastIndexOf(0x0a, stoppedAt - 1) + 1 : 0;
  return lineFrom(packet, lineAt) ?? (lineAt === 0 ? undefined : lineFrom(packet, 0));
}

// Any method a client may send (PROPFIND, TRACE, …): the answer only needs the family.
const brokenLinePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,32} (\/[^ ?#\r\n]{0,8191})/;

/**
 * The path of a request line too broken to read whole (raw spaces or control bytes in its
 * target): enough to know which family's error shape the answer takes, never served.
 */
export function pathOfBrokenLine(packet: Buffer, stoppedAt = 0): string | undefined {
  const lineAt = stoppedAt > 0 ? packet.lastIndexOf(0x0a, stoppedAt - 1) + 1 : 0;
  for (const at of lineAt === 0 ? [0] : [lineAt, 0]) {
    const match = brokenLinePattern.exec(packet.toString('latin1', at, Math.min(packet.length, at + maxHeaderSize)));
    if (match) return match[1]!.replace(/[\x80-\xff]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  return undefined;
}

function lineFrom(packet: Buffer, at: number): RequestLine | undefined {
  const text = packet.toString('latin1', at, Math.min(packet.length, at + maxHeaderSize));
  const match = requestLinePattern.exec(text);
  if (!match) return undefined;
  const [line, method, rawTarget, minor] = match as unknown as [string, string, string, string];
  const target = rawTarget.replace(/[\x80-\xff]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const firstRaw = rawTarget.search(/[\x80-\xff]/);
  return {
    method,
    target,
    firstRawByteAt: firstRaw === -1 ? -1 : at + method.length + 1 + firstRaw,
    servable: /^[\x21-\x7e\x80-\xff]+$/.test(rawTarget),
    httpVersion: minor === '0' ? '1.0' : '1.1',
    startsAt: at,
    headersAt: at + line.length,
  };
}

/**
 * The whole request when the packet holds all of it: well-formed headers within Node's limit,
 * and no body or a Content-Length body that arrived with them. Undefined otherwise (chunked
 * bodies included): such a request is answered as unreadable rather than guessed at.
 */
export function readRawRequest(packet: Buffer, line: RequestLine): RawRequest | undefined {
  if (!line.servable || !line.target.startsWith('/')) return undefined;
  const text = packet.toString('latin1', 0, Math.min(packet.length, line.startsAt + maxHeaderSize));
  const end = text.indexOf('\r\n\r\n', line.headersAt - 2);
  if (end === -1) return undefined;
  const lines = end >= line.headersAt ? text.slice(line.headersAt, end).split('\r\n') : [];
  const rawHeaders: string[] = [];
  for (const headerLine of lines) {
    const match = headerPattern.exec(headerLine);
    if (!match) return undefined;
    rawHeaders.push(match[1]!, match[2]!);
  }
  const valuesOf = (name: string) => rawHeaders.filter((_, i) => i % 2 === 1 && rawHeaders[i - 1]!.toLowerCase() === name);
  const lengths = valuesOf('content-length');
  if (valuesOf('transfer-encoding').length > 0) return undefined;
  if (lengths.some((l) => !/^\d{1,9}$/.test(l) || l !== lengths[0])) return undefined;
  const bodyAt = end + 4;
  const length = lengths.length === 0 ? 0 : Number(lengths[0]);
  if (packet.length - bodyAt < length) return undefined;
  return { ...line, rawHeaders, body: packet.subarray(bodyAt, bodyAt + length) };
}
