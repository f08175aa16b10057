// The pages' font, Vazirmatn, served from the installed `vazirmatn` package (found by name at run
// time, so the built package and a bundle find it too): no CDN, as CI machines are often offline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env, Hono } from 'hono';
import { installedPackage } from '../package-root.js';

/** Where every page finds the font; the only file served under it (no name reaches the disk). */
export const fontPath = '/_assets/fonts/vazirmatn.woff2';
/** The variable font: every weight in one file. */
const fontFile = join('fonts', 'webfonts', 'Vazirmatn[wght].woff2');

/**
 * The address the pages' CSS names: the package's version in the query makes a new version a new
 * address, so the answer may be cached for a year.
 */
export const fontUrl = (): string => `${fontPath}?v=${installedPackage('vazirmatn').version}`;

/** The @font-face every page's style starts with. */
export const fontFace = (): string =>
  `@font-face{font-family:Vazirmatn;src:url(${fontUrl()}) format('woff2');font-weight:100 900;font-style:normal;font-display:swap}`;

let bytes: Buffer | undefined;

/** GET (and HEAD) of the font for every provider's pages; outside the control API, as the pages are. */
export function registerFonts<E extends Env>(app: Hono<E>): void {
  app.get(fontPath, (c) => {
    bytes ??= readFileSync(join(installedPackage('vazirmatn').root, fontFile));
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'font/woff2',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });
}
