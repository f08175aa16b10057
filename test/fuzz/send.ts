// Two ways to send a request: in process through app.request (a WHATWG Request, so lowercase
// and unknown methods arrive as written), and as raw HTTP/1.1 bytes over a socket to a real
// server on 127.0.0.1 (raw non-ASCII in the request line, duplicate headers, chunked bodies).
import { connect } from 'node:net';
import type { Wire } from './plan.js';

export interface Answer {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  ms: number;
}

/** The client would not send it (a WHATWG Request refuses some methods, URLs and bodies). */
export const refused = Symbol('refused');
/** Node's HTTP parser answered before the app saw the request (raw non-ASCII in the request line, a head over 16 KB). */
export const refusedByNode = Symbol('refusedByNode');
const nodeParserAnswer = /^HTTP\/1\.1 (400 Bad Request|431 Request Header Fields Too Large)\r\nConnection: close\r\n\r\n$/;

export async function viaApp(fetcher: (req: Request) => Response | Promise<Response>, wire: Wire): Promise<Answer | typeof refused> {
  let request: Request;
  try {
    const headers = new Headers();
    for (const [name, value] of wire.headers) headers.append(name, value);
    request = new Request(`http://localhost${wire.target}`, { method: wire.method, headers, body: wire.body });
  } catch {
    return refused;
  }
  const startedMs = performance.now();
  const res = await fetcher(request);
  const body = await res.text();
  const ms = performance.now() - startedMs;
  return { status: res.status, headers: Object.fromEntries(res.headers), body, ms };
}

function head(wire: Wire, port: number, bodyBytes: Buffer | undefined): Buffer {
  const lines = [`${wire.method} ${wire.target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close', ...wire.headers.map(([n, v]) => `${n}: ${v}`)];
  if (bodyBytes) lines.push(wire.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${bodyBytes.length}`);
  // The request line is UTF-8 bytes as a client that does not escape would send them; headers are Latin-1 already.
  const requestLine = Buffer.from(`${lines[0]}\r\n`, 'utf8');
  return Buffer.concat([requestLine, Buffer.from(`${lines.slice(1).join('\r\n')}\r\n\r\n`, 'latin1')]);
}

function parse(raw: Buffer): Omit<Answer, 'ms'> {
  const end = raw.indexOf('\r\n\r\n');
  const [statusLine, ...headerLines] = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const at = line.indexOf(':');
    const name = line.slice(0, at).trim().toLowerCase();
    const value = line.slice(at + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = end < 0 ? Buffer.alloc(0) : raw.subarray(end + 4);
  if (headers['transfer-encoding']?.includes('chunked')) {
    const parts: Buffer[] = [];
    for (let at = 0; at < body.length; ) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
      if (!(size > 0)) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status: Number(statusLine?.split(' ')[1] ?? 0), headers, body: body.toString('utf8') };
}

/** Sends the bytes and reads until the server closes; a dropped or silent connection is status 0 after `timeoutMs`. */
export function viaSocket(port: number, wire: Wire, timeoutMs = 5_000): Promise<Answer | typeof refusedByNode> {
  const bodyBytes = wire.body === undefined ? undefined : Buffer.from(wire.body, 'utf8');
  const payload = !bodyBytes ? Buffer.alloc(0) : wire.chunked ? Buffer.concat([Buffer.from(`${bodyBytes.length.toString(16)}\r\n`), bodyBytes, Buffer.from('\r\n0\r\n\r\n')]) : bodyBytes;
  return new Promise((resolve) => {
    const startedMs = performance.now();
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1');
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      const ms = performance.now() - startedMs;
      if (nodeParserAnswer.test(raw.toString('latin1'))) return resolve(refusedByNode);
      resolve(raw.length === 0 ? { status: 0, headers: {}, body: '', ms } : { ...parse(raw), ms });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
    socket.write(Buffer.concat([head(wire, port, bodyBytes), payload]));
  });
}
