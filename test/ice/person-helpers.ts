// Helpers for the person's side of an ICE request: asking for a report, finding the consent link
// in the person's SMS, and the consent page's GET and form POST as a browser sends them.
import { expect } from 'vitest';
import type { Instance } from '../../src/instance.js';
import { control } from '../helpers.js';
import { natural, requested, type Panel } from './report-helpers.js';

/** An ordinary mobile (no test mobile's scripted person behind it). */
export const mobile = '09121234567';

export interface Requested {
  trackingCode: string;
  /** The consent link's token, read from the person's SMS. */
  consentToken: string;
  /** The page's path under the app: /ice/c/{consentToken}. */
  path: string;
}

/** Requests a report (by default a natural person's, wallet-paid) and finds its link in the person's SMS. */
export async function asked(instance: Instance, p: Panel, body: Record<string, unknown> = natural(mobile)): Promise<Requested> {
  const { trackingCode } = await requested(instance, p, body);
  const res = await control(instance, 'GET', `/tenants/${p.tenant.id}/outbox?provider=ice`);
  const { entries } = (await res.json()) as { entries: { message: { text: string } }[] };
  const sms = entries.find((e) => e.message.text.includes(trackingCode));
  const link = /\/ice\/c\/([A-Za-z0-9_-]+)/.exec(sms?.message.text ?? '');
  expect(link, `the consent link of ${trackingCode}`).not.toBeNull();
  return { trackingCode, consentToken: link![1]!, path: `/ice/c/${link![1]}` };
}

export const page = (instance: Instance, path: string, headers: Record<string, string> = {}) => Promise.resolve(instance.app.request(path, { headers }));

export const answer = (instance: Instance, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  Promise.resolve(
    instance.app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescaped = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e]!);

/** The element with this id's text, tags stripped (the pages put each decisive piece under an id). */
export function textOf(html: string, id: string): string | undefined {
  const open = new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!open) return undefined;
  const tag = open[1]!;
  let depth = 1;
  const at = open.index + open[0].length;
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  tags.lastIndex = at;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return unescaped(html.slice(at, m.index).replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
  }
  return undefined;
}
