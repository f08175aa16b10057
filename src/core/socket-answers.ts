// Answers for requests Node's parser refused, written on their socket through a ServerResponse
// of their own (so the status line, Date and framing are Node's), then the connection closes:
// the parser that refused the bytes cannot read another request on it.
import { IncomingMessage, ServerResponse, maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';
import type { MalformedAnswer, Provider } from './provider.js';
import { providerOfPath } from './provider.js';
import type { RawRequest } from './raw-head.js';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** An answer (JSON unless it names its type) on a response the app never saw; the connection closes after it. */
export function sendAnswer(response: ServerResponse, { status, body, type }: MalformedAnswer): void {
  const bytes = Buffer.from(type === undefined ? JSON.stringify(body) : String(body));
  response.writeHead(status, { 'Content-Type': type ?? 'application/json', 'Content-Length': bytes.length, Connection: 'close' });
  response.end(bytes);
}

/** What a request that cannot be read answers: its path's provider's error, else the control API's shape with the reason. */
export function malformedAnswer(providers: readonly Provider[], target: string | undefined, problem: MalformedAnswer): MalformedAnswer {
  const path = target?.split('?')[0];
  const provider = path === undefined ? undefined : providerOfPath(providers, path);
  return (path !== undefined && provider?.malformedRequest?.(path)) || problem;
}

/** How Node's parser error reads as the control API's answer. */
export function parserProblem(error: Error & { code?: string; reason?: string }, headerLimit = maxHeaderSize): MalformedAnswer {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, body: { error: 'bad_request', message: `the request headers are larger than ${headerLimit} bytes` } };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, body: { error: 'request_timeout', message: 'the request did not arrive in time' } };
  }
  return { status: 400, body: { error: 'bad_request', message: `the request is not valid HTTP/1.1: ${error.reason ?? error.message}` } };
}

/** A response of its own on a socket the server's parser gave up on; the socket ends with it. */
function responseOn(socket: Socket, request: IncomingMessage): ServerResponse {
  const response = new ServerResponse(request);
  response.shouldKeepAlive = false;
  response.assignSocket(socket);
  response.on('finish', () => {
    response.detachSocket(socket);
    socket.end();
    process.nextTick(() => response.emit('close'));
  });
  return response;
}

export function answerOnSocket(socket: Socket, answer: MalformedAnswer): void {
  sendAnswer(responseOn(socket, new IncomingMessage(socket)), answer);
}

/** Hands the request read again from its bytes to the server's listener, as Node would have. */
export function replayOnSocket(socket: Socket, raw: RawRequest, listener: Listener): void {
  const request = new IncomingMessage(socket);
  request.method = raw.method;
  request.url = raw.target;
  request.httpVersion = raw.httpVersion;
  request.httpVersionMajor = 1;
  request.httpVersionMinor = raw.httpVersion === '1.0' ? 0 : 1;
  request.rawHeaders = raw.rawHeaders;
  // Node's own rules for repeated headers (joined, first wins, set-cookie as a list).
  const headers: Record<string, string | string[]> = {};
  const addHeaderLine = (request as unknown as { _addHeaderLine(name: string, value: string, into: object): void })._addHeaderLine;
  for (let i = 0; i < raw.rawHeaders.length; i += 2) addHeaderLine.call(request, raw.rawHeaders[i]!, raw.rawHeaders[i + 1]!, headers);
  request.headers = headers;
  if (raw.body.length > 0) request.push(raw.body);
  request.push(null);
  request.complete = true;
  listener(request, responseOn(socket, request));
}
