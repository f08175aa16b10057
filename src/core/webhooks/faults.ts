// Delivery faults a scenario puts on an event on purpose (docs/scenarios.md, "Delivery faults"), so a receiver
// can be tested against what real providers do now and then: the same event twice, events out of
// order, a signature that does not verify, an endpoint that cannot be reached. The fault is decided
// when the event is emitted and stored with it, so it survives a restart.

export const deliveryFaultKinds = ['duplicate', 'out-of-order', 'bad-signature', 'endpoint-down'] as const;
export type DeliveryFaultKind = (typeof deliveryFaultKinds)[number];

/** What an out-of-order event waits for at most: a later event of its endpoint delivered, or this long. */
export const outOfOrderHoldMs = 5 * 60_000;

export interface EventFault {
  /** `<scenario>/<rule id or number>`. */
  label: string;
  kind: DeliveryFaultKind;
  /** bad-signature, endpoint-down: how many attempts carry it. */
  attempts: number;
  /** How much of it is done: attempts made with it; for duplicate 1 once the second send is queued, 2 once it went. */
  spent: number;
}

/** Decides the fault of an event being emitted (the tenant's active scenario's delivery rules), if any. */
export type FaultDecider = (tenantId: string, provider: string, type: string) => Omit<EventFault, 'spent'> | undefined;

export const parseFault = (text: string | null): EventFault | undefined => (text === null ? undefined : (JSON.parse(text) as EventFault));
export const faultText = (fault: EventFault): string => JSON.stringify(fault);

/** What happens to the attempt about to start, by the event's fault. */
export type AttemptFault =
  | { kind: 'none' }
  /** Recorded as failed and not sent: the endpoint is "down". */
  | { kind: 'skip'; note: string }
  /** Sent, signed with a value no secret makes. */
  | { kind: 'bad-signature'; note: string }
  /** Sent as usual, with a note saying why it is sent (again, or late). */
  | { kind: 'note'; note: string };

export function attemptFault(fault: EventFault | undefined): AttemptFault {
  if (!fault) return { kind: 'none' };
  const by = `(scenario ${fault.label})`;
  switch (fault.kind) {
    case 'endpoint-down':
      return fault.spent < fault.attempts ? { kind: 'skip', note: `endpoint down on purpose ${by}: not sent` } : { kind: 'none' };
    case 'bad-signature':
      return fault.spent < fault.attempts ? { kind: 'bad-signature', note: `bad signature on purpose ${by}` } : { kind: 'none' };
    case 'duplicate':
      return fault.spent === 1 ? { kind: 'note', note: `duplicate on purpose ${by}: the event was delivered already` } : { kind: 'none' };
    case 'out-of-order':
      return fault.spent === 0 ? { kind: 'note', note: `out of order on purpose ${by}: held back until a later event was delivered` } : { kind: 'none' };
  }
}

/** The fault after an attempt that carried it started (counted for the kinds that count attempts). */
export function afterStart(fault: EventFault | undefined): EventFault | undefined {
  if (!fault) return undefined;
  if (fault.kind === 'endpoint-down' || fault.kind === 'bad-signature') return fault.spent < fault.attempts ? { ...fault, spent: fault.spent + 1 } : fault;
  if (fault.kind === 'out-of-order' && fault.spent === 0) return { ...fault, spent: 1 };
  if (fault.kind === 'duplicate' && fault.spent === 1) return { ...fault, spent: 2 };
  return fault;
}

/** The fault with nothing left to do: a redelivered event arrives as it is, whatever its scenario wanted. */
export function finished(fault: EventFault): EventFault {
  const spent = fault.kind === 'duplicate' ? 2 : fault.kind === 'out-of-order' ? 1 : fault.attempts;
  return { ...fault, spent: Math.max(fault.spent, spent) };
}

/** Whether a delivered event is to be sent once more (a duplicate not yet sent). */
export const sendsAgain = (fault: EventFault | undefined): boolean => fault?.kind === 'duplicate' && fault.spent === 0;

/** A signature header that verifies with no secret: each v1= value with its last hex digit changed. */
export function spoiled(signature: string): string {
  return signature.replace(/[0-9a-f](?=\s|$)/g, (d) => (d === '0' ? '1' : '0'));
}
