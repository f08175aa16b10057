// Helpers of the dashboard tests: a page or fragment fetched as a browser would (its cookie, its
// Origin on a POST), the text a person reads in it, and one element's HTML by id.
import type { Instance } from '../../src/instance.js';

export const origin = 'http://localhost';

export interface Seen {
  status: number;
  type: string | null;
  html: string;
  headers: Headers;
}

export interface As {
  cookie?: string;
  token?: string;
  /** The Origin a browser sends with a POST; null sends none. */
  origin?: string | null;
  headers?: Record<string, string>;
}

function headersOf(as: As): Record<string, string> {
  const headers: Record<string, string> = { ...as.headers };
  if (as.cookie !== undefined) headers.Cookie = as.cookie;
  if (as.token !== undefined) headers.Authorization = `Bearer ${as.token}`;
  return headers;
}

async function seen(res: Response): Promise<Seen> {
  return { status: res.status, type: res.headers.get('content-type'), html: await res.text(), headers: res.headers };
}

export async function get(instance: Instance, path: string, as: As = {}): Promise<Seen> {
  return seen(await instance.app.request(path, { headers: headersOf(as) }));
}

/** A form posted from a page of the sandbox: an htmx request with the sandbox's own Origin. */
export async function post(instance: Instance, path: string, fields: Record<string, string>, as: As = {}): Promise<Seen> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true', ...headersOf(as) };
  const sent = as.origin === undefined ? origin : as.origin;
  if (sent !== null) headers.Origin = sent;
  return seen(await instance.app.request(path, { method: 'POST', headers, body: new URLSearchParams(fields).toString() }));
}

/** What a person reads: tags gone, entities decoded, spaces collapsed. */
export function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The rows of the first table in `html`, each as the text of its cells. */
export function rows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => text(cell[1]!)));
}

/** The element with this id, from its opening tag to its matching close (same tag name, nesting counted). */
export function byId(html: string, id: string): string | undefined {
  const open = new RegExp(`<([a-z0-9]+)[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!open) return undefined;
  const tag = open[1]!;
  const re = new RegExp(`<${tag}\\b[^>]*>|</${tag}>`, 'g');
  re.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return html.slice(open.index, m.index + m[0].length);
  }
  return undefined;
}

export const tenantPage = (id: string) => `/_sandbox/dashboard/tenants/${id}`;
