// The HTTP server Mahak listens with: Node's own, but a backslash in the request path reaches
// the app percent-encoded (%5C). @hono/node-server refuses such a path itself with a bare,
// empty 400 before any route could answer in its family's shape; encoded, it is one more path
// no route has, and each family answers it as it answers any unknown path.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

export const createNodeServer = ((options: object, listener: Listener) =>
  createServer(options, (request, response) => {
    const url = request.url;
    if (url !== undefined) {
      const queryAt = url.indexOf('?');
      const path = queryAt === -1 ? url : url.slice(0, queryAt);
      if (path.includes('\\')) request.url = path.replaceAll('\\', '%5C') + (queryAt === -1 ? '' : url.slice(queryAt));
    }
    listener(request, response);
  })) as unknown as typeof createServer;
