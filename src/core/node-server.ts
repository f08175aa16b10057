// The HTTP server Mahak listens with: Node's own, made to answer every request in the JSON shape
// of the family its path belongs to, where Node or @hono/node-server would answer a bare, empty
// 400 before any route could. A backslash in the path reaches the app percent-encoded (%5C);
// raw non-ASCII bytes in the target (Persian digits typed into a query) are read again from the
// bytes Node refused and served as their percent-encoded form; a Host that is missing or not a
// host, bad header bytes, headers past the limit: the provider's own unreadable-request error.
import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Provider } from './provider.js';
import { pathOfBrokenLine, readRawRequest, readRequestLine } from './raw-head.js';
import { answerOnSocket, malformedAnswer, parserProblem, replayOnSocket, sendAnswer } from './socket-answers.js';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;
type ParserError = Error & { code?: string; reason?: string; rawPacket?: Buffer; bytesParsed?: number };

const noHost = { status: 400, body: { error: 'bad_request', message: 'the Host header is missing or not a valid host' } };

function escapeBackslashes(request: IncomingMessage): void {
  const url = request.url;
  if (url === undefined) return;
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (path.includes('\\')) request.url = path.replaceAll('\\', '%5C') + (queryAt === -1 ? '' : url.slice(queryAt));
}

/** Whether @hono/node-server can make a URL of the Host and the target (it answers a bare 400 when not). */
function hostReadable(request: IncomingMessage): boolean {
  const url = request.url ?? '/';
  if (!url.startsWith('/')) return true;
  const host = request.headers.host;
  // HTTP/1.0 may leave Host out: the server's own hostname stands in.
  if (host === undefined) return request.httpVersion === '1.0';
  try {
    const { hostname } = new URL(`http://${host}${url}`);
    return hostname.length === host.length || hostname === host.replace(/:\d+$/, '');
  } catch {
    return false;
  }
}

/** A `createServer` for @hono/node-server's serve(), answering unreadable requests as `providers` do. */
export function nodeServerFor(providers: readonly Provider[]): typeof createServer {
  return ((options: ServerOptions, listener: Listener) => {
    const openResponses = new WeakMap<object, Set<ServerResponse>>();
    const answered = new WeakSet<object>();
    const serve: Listener = (request, response) => {
      const open = openResponses.get(request.socket) ?? new Set();
      openResponses.set(request.socket, open);
      open.add(response);
      response.once('close', () => open.delete(response));
      escapeBackslashes(request);
      if (!hostReadable(request)) return sendAnswer(response, malformedAnswer(providers, request.url, noHost));
      listener(request, response);
    };
    // Node's own check answers a bare 400; hostReadable answers it in the family's shape.
    const server = createServer({ ...options, requireHostHeader: false }, serve);
    server.on('clientError', (error: ParserError, socket: Socket) => {
      // A parser that failed once fails on every later byte of the connection: one answer.
      if (answered.has(socket)) return;
      if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
      answered.add(socket);
      const answer = () => {
        if (!socket.writable) return void socket.destroy();
        const packet = error.rawPacket;
        const line = packet && readRequestLine(packet, error.bytesParsed);
        // Served only when the byte Node stopped at is the target's first raw one: its only fault.
        const raw = line && line.firstRawByteAt !== -1 && line.firstRawByteAt === error.bytesParsed ? readRawRequest(packet, line) : undefined;
        if (raw) return replayOnSocket(socket, raw, serve);
        const target = line?.target ?? (packet && pathOfBrokenLine(packet, error.bytesParsed));
        answerOnSocket(socket, malformedAnswer(providers, target, parserProblem(error, options.maxHeaderSize)));
      };
      // Answers already under way on the connection go out first, in order.
      const open = [...(openResponses.get(socket) ?? [])];
      if (open.length === 0) answer();
      else void Promise.all(open.map((response) => new Promise((closed) => response.once('close', closed)))).then(answer);
    });
    return server;
  }) as unknown as typeof createServer;
}
