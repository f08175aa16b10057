/** @jsxImportSource hono/jsx */
// The frame of every Persian page a person sees (the card page, ICE's consent page): right to
// left, usable on a phone, its style inline so the page needs nothing else to load; and the
// labelled row both pages list their facts in.
import type { FC, PropsWithChildren } from 'hono/jsx';
import { raw } from 'hono/html';

export interface PersianPageProps {
  title: string;
  /** The page's whole style sheet (font face included). */
  style: string;
  /** The card page's skin, on the body for its style to key on. */
  skin?: string | undefined;
}

export const PersianPage: FC<PropsWithChildren<PersianPageProps>> = ({ title, style, skin, children }) => (
  <>
    {raw('<!DOCTYPE html>')}
    <html lang="fa" dir="rtl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: style }} />
      </head>
      <body data-skin={skin}>
        <main>{children}</main>
      </body>
    </html>
  </>
);

/** A fact on a line: its label at the start, its value (the children) at the end. */
export const LabelledRow: FC<PropsWithChildren<{ label: string }>> = ({ label, children }) => (
  <div class="row">
    <span>{label}</span>
    {children}
  </div>
);
