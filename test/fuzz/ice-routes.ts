// ICE's routes as /openapi.json publishes them, each with the endpoint id its description names:
// noted when the model is read, so that an answer is judged against the codes its endpoint
// documents (src/providers/ice/catalog.ts) and a page is told from the JSON API.
import type { IceEndpointId } from '../../src/providers/ice/catalog.js';

export interface IceRoute {
  method: string;
  /** OpenAPI style, under /ice: /ice/api/v1/reports/{trackingCode}. */
  path: string;
  endpointId: IceEndpointId;
  /** The consent page and the bank pages answer HTML; everything else JSON. */
  page: boolean;
  matches: RegExp;
}

type Doc = { paths: Record<string, Record<string, object & { description?: string }>> };

const routes: IceRoute[] = [];

export function noteIceRoutes(doc: Doc): void {
  routes.length = 0;
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/ice/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      const endpointId = /Endpoint id `([\w-]+)`/.exec(op.description ?? '')?.[1] as IceEndpointId | undefined;
      if (!endpointId) throw new Error(`${method.toUpperCase()} ${path} names no ICE endpoint id in its description`);
      const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+');
      routes.push({ method: method.toUpperCase(), path, endpointId, page: endpointId === 'consent-page' || endpointId === 'bank-page', matches: new RegExp(`^${pattern}$`) });
    }
  }
}

export const iceRoutes = (): readonly IceRoute[] => routes;

/** The route a decoded path and method reach (HEAD reaches GET's), or undefined for none. */
export function iceRouteOf(method: string, path: string): IceRoute | undefined {
  const seen = method === 'HEAD' ? 'GET' : method;
  return routes.find((r) => r.method === seen && r.matches.test(path));
}

/** Paths the consent and bank pages own, whatever the method: their answers are pages. */
export const isIcePagePath = (path: string) => /^\/ice\/(c|bank)\//.test(path);
