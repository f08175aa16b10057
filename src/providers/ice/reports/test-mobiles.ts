// Test mobiles: persons who answer a consent SMS by themselves, the way payment sandboxes publish
// test cards, so a test reaches every state without opening the consent page (README "ICE").
// The family 0912000 0xNN is kept clear of the ready business's own mobile, 09120000000.

/** What a test mobile's person does with the consent SMS. */
export type ScriptedPerson =
  /** Approves (`approve`) or rejects (`reject`) this many minutes of tenant time after the request. */
  | { kind: 'approve' | 'reject'; afterMinutes: number }
  /** Never answers: the request expires after the consent lifetime. */
  | { kind: 'silent' }
  /** The SMS cannot be delivered: nothing reaches the outbox, the request stays pending and expires. */
  | { kind: 'undeliverable' };

interface TestMobile {
  mobile: string;
  person: ScriptedPerson;
  note: string;
}

/** The fixed test mobiles; two families (approve / reject after NN minutes) are read by scriptedPersonOf. */
export const testMobiles: readonly TestMobile[] = [
  { mobile: '09120000001', person: { kind: 'approve', afterMinutes: 0 }, note: 'the person approves at once (with payer person, the person also pays)' },
  { mobile: '09120000002', person: { kind: 'reject', afterMinutes: 0 }, note: 'the person rejects at once (a wallet-paid request is refunded)' },
  { mobile: '09120000003', person: { kind: 'silent' }, note: 'the person never answers: the request expires after consentLifetimeMinutes (refunded if wallet-paid)' },
  { mobile: '09120000004', person: { kind: 'undeliverable' }, note: 'the SMS cannot be delivered: sms "undeliverable", no outbox message, the request expires' },
];

/** 091200001NN approves after NN minutes, 091200002NN rejects after NN minutes (NN from 01 to 99). */
const afterFamily = /^0912000(0[12])(\d\d)$/;

export const delayedFamilies = [
  { pattern: '091200001NN', kind: 'approve', example: '09120000105', note: 'the person approves NN minutes (01-99) of tenant time after the request' },
  { pattern: '091200002NN', kind: 'reject', example: '09120000230', note: 'the person rejects NN minutes (01-99) of tenant time after the request' },
] as const;

/** The scripted person behind `mobile` (ASCII digits), or undefined for an ordinary mobile. */
export function scriptedPersonOf(mobile: string): ScriptedPerson | undefined {
  const fixed = testMobiles.find((t) => t.mobile === mobile);
  if (fixed) return fixed.person;
  const family = afterFamily.exec(mobile);
  if (!family || family[2] === '00') return undefined;
  return { kind: family[1] === '01' ? 'approve' : 'reject', afterMinutes: Number(family[2]) };
}
