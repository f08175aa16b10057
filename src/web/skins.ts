// The looks of the card page: one component, a skin per gateway. A skin changes names and
// colours only; the form, its ids and names, the script and the test cards are the same.

export const skinNames = ['freepay', 'saman', 'mellat'] as const;
export type Skin = (typeof skinNames)[number];

export interface SkinLook {
  /** The gateway in the header: «درگاه پرداخت {gatewayFa} (محیط آزمایشی)». */
  gatewayFa: string;
  /** The bank behind the gateway, under its name; null for a payment company. */
  bankFa: string | null;
  /** The logo: a text badge (the sandbox ships no images of anyone's logo). */
  mark: string;
  /** Header and Pay button; the badge; the page around the cards. */
  colours: { brand: string; onBrand: string; accent: string; page: string };
}

export const skins: Record<Skin, SkinLook> = {
  freepay: {
    gatewayFa: 'فری‌پی',
    bankFa: null,
    mark: 'FP',
    colours: { brand: '#1565c0', onBrand: '#ffffff', accent: '#0d47a1', page: '#eef1f5' },
  },
  // Saman's gateway is run by Saman Kish (SEP): the bank's blue with its teal.
  saman: {
    gatewayFa: 'سامان کیش',
    bankFa: 'بانک سامان',
    mark: 'SEP',
    colours: { brand: '#0b4f8c', onBrand: '#ffffff', accent: '#00a19a', page: '#e6f2f3' },
  },
  // Mellat's gateway is run by Behpardakht Mellat: the bank's red.
  mellat: {
    gatewayFa: 'به‌پرداخت ملت',
    bankFa: 'بانک ملت',
    mark: 'ملت',
    colours: { brand: '#c8102e', onBrand: '#ffffff', accent: '#8c0b20', page: '#f6eced' },
  },
};

/** The header's line, the same words on every skin. */
export const gatewayTitle = (skin: Skin) => `درگاه پرداخت ${skins[skin].gatewayFa} (محیط آزمایشی)`;

/** The skin's colours as CSS custom properties, which the shared style reads. */
export const skinStyle = (skin: Skin) => {
  const c = skins[skin].colours;
  return `:root{--brand:${c.brand};--on-brand:${c.onBrand};--accent:${c.accent};--page:${c.page}}`;
};
