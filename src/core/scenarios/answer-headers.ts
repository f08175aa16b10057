// The headers a scenario's own answer may set. Framing and hop-by-hop headers belong to the
// connection, not to the answer: a Content-Length that disagrees with the body, or a
// Transfer-Encoding beside it, makes the client misread this answer and the next one on the
// connection (RFC 9112 §6, RFC 9110 §7.6.1). Values must be ASCII: anything else reaches the
// client mangled (Node sends header text as Latin-1).
import { z } from 'zod';

const framing = 'frames the answer; the sandbox sets it from the body (to send a broken answer, use fault: malformed-json or empty-body)';
const hopByHop = 'is a hop-by-hop header of the connection, not part of an answer';

const refusedNames: Record<string, string> = {
  'content-length': framing,
  'transfer-encoding': framing,
  connection: hopByHop,
  'keep-alive': hopByHop,
  upgrade: hopByHop,
  'proxy-connection': hopByHop,
  te: hopByHop,
  trailer: hopByHop,
  host: 'is a request header',
};

/** A token (RFC 9110 §5.6.2); a leading colon is let through here so a pseudo-header is refused by name below. */
const headerName = z.string().regex(/^:?[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid header name');

const headerValue = z
  .string()
  .regex(/^[^\x00-\x08\x0a-\x1f\x7f]*$/, 'a header value may not hold line breaks or control characters')
  .regex(/^[\x00-\x7f]*$/, 'a header value must be ASCII (other characters reach the client mangled); percent-encode it or put it in the body');

export const AnswerHeaders = z.record(headerName, headerValue).superRefine((headers, ctx) => {
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    const reason = lower.startsWith(':') ? 'is an HTTP/2 pseudo-header; the server sets those' : refusedNames[lower];
    if (reason) ctx.addIssue({ code: 'custom', path: [name], message: `${name} ${reason}` });
  }
});
