// The world does not change while the sandbox runs, so each answer is kept once computed:
// a stored lookup costs a query and validity checks, an on-demand identity far more.
// Answers are frozen, since every caller shares them. `forget()` empties the memory for
// when records are added at run time.
import type { World } from './types.js';

const perMethodLimit = 20_000;

type Lookup<A extends unknown[], R> = (...args: A) => R;

function remember<A extends string[], R>(lookup: Lookup<A, R>, memory: Map<string, R>[]): Lookup<A, R> {
  const cache = new Map<string, R>();
  memory.push(cache);
  return (...args: A) => {
    const key = args.length === 1 ? args[0]! : args.join('\u0000');
    let answer = cache.get(key);
    if (answer === undefined && !cache.has(key)) {
      answer = lookup(...args);
      if (answer && typeof answer === 'object') Object.freeze(answer);
      if (cache.size >= perMethodLimit) cache.delete(cache.keys().next().value!);
      cache.set(key, answer);
    }
    return answer as R;
  };
}

export function memoizedWorld(world: World): World & { forget(): void } {
  const memory: Map<string, unknown>[] = [];
  return {
    card: remember(world.card, memory as never),
    deposit: remember(world.deposit, memory as never),
    depositByIban: remember(world.depositByIban, memory as never),
    person: remember(world.person, memory as never),
    mobile: remember(world.mobile, memory as never),
    postal: remember(world.postal, memory as never),
    foreigner: remember(world.foreigner, memory as never),
    corporation: remember(world.corporation, memory as never),
    cardToIbanAvailability: world.cardToIbanAvailability,
    forget: () => memory.forEach((m) => m.clear()),
  };
}
