// Seeded randomness for the world: a Persian-locale faker whose seed is a hash of the world
// seed and what is being generated, so each record can be regenerated on its own. Faker is
// loaded on first use: a start on an existing database answers without it.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Faker, Randomizer } from '@faker-js/faker';

// The Persian locale entry loads fa + en definitions only; the package's main entry loads
// every locale, a quarter of a second of start-up.
const persianEntry = '@faker-js/faker/locale/fa';
type PersianEntry = { faker: Faker };
let persian: Faker | undefined;

/**
 * Faker's Persian instance, loaded synchronously the first time a record is generated (Node
 * 20.19+ requires an ES module): generation is synchronous, on the request path or in seedWorld.
 */
function persianFaker(): Faker {
  return (persian ??= (createRequire(import.meta.url)(persianEntry) as PersianEntry).faker);
}

/** Whether faker has been loaded in this process (start-up tests check an existing database needs none). */
export const fakerLoaded = (): boolean => persian !== undefined;

/**
 * Loads faker now, for a server to call a moment after its port opens, so the first request
 * that generates a record usually finds it loaded. Synchronous on purpose: a require() while
 * an import() of the same module is under way fails in Node 20.
 */
export function preloadFaker(): void {
  persianFaker();
}

/**
 * sfc32, a small fast generator. Faker's default Mersenne Twister needs ~40 µs to re-seed,
 * and an on-demand identity re-seeds once per record, on the request path.
 */
function sfc32Randomizer(): Randomizer {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = ((c << 21) | (c >>> 11)) + t;
    c |= 0;
    return (t >>> 0) / 4294967296;
  };
  return {
    next,
    seed(seed) {
      const words = Array.isArray(seed) ? seed : [seed];
      [a, b, c, d] = [0, 1, 2, 3].map((i) => (words[i] ?? 0x9e3779b9 * (i + 1)) | 0) as [number, number, number, number];
      for (let i = 0; i < 12; i++) next(); // let the first outputs forget the raw seed words
    },
  };
}

type FakerClass = new (options: { locale: Faker['rawDefinitions']; randomizer: Randomizer }) => Faker;

export function newFaker(): Faker {
  const template = persianFaker();
  return new (template.constructor as FakerClass)({ locale: template.rawDefinitions, randomizer: sfc32Randomizer() });
}

/** A faker made on the first call, for a module that keeps one to re-seed per record. */
export function lazyFaker(): () => Faker {
  let f: Faker | undefined;
  return () => (f ??= newFaker());
}

/** Four 32-bit words from SHA-256 of the parts, a stable seed for one record. */
export function seedWords(...parts: string[]): number[] {
  const h = createHash('sha256').update(parts.join('\u001f')).digest();
  return [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)];
}

/** Re-seeds `f` for the record named by `parts` and hands it back. */
export function reseed(f: Faker, ...parts: string[]): Faker {
  f.seed(seedWords(...parts));
  return f;
}

/** `n` random digits, leading zeros allowed. */
export const digits = (f: Faker, n: number): string => f.string.numeric({ length: n, allowLeadingZeros: true });

export function weighted<T>(f: Faker, table: readonly (readonly [T, number])[]): T {
  return f.helpers.weightedArrayElement(table.map(([value, weight]) => ({ value, weight })));
}
