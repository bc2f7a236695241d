/**
 * Referral codes: short, typed by humans from a screenshot or read aloud, so the alphabet leaves out
 * every look-alike — 0/O, 1/I/L — and uses upper case only. 31 symbols × 7 characters ≈ 2.75 × 10¹⁰
 * codes, so collisions inside one shop are rare and a few retries always suffice in practice.
 */
export const REFERRAL_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const DEFAULT_REFERRAL_CODE_LENGTH = 7;
export const DEFAULT_REFERRAL_CODE_ATTEMPTS = 10;

/** An injected random source: a uniformly random integer in [0, maxExclusive). */
export type RandomInt = (maxExclusive: number) => number;

/** Every candidate code was already taken in the shop. */
export class ReferralCodeExhaustedError extends Error {
  constructor(readonly attempts: number) {
    super(`no free referral code after ${attempts} attempts`);
    this.name = "ReferralCodeExhaustedError";
  }
}

export interface ReferralCodeOptions {
  randomInt: RandomInt;
  length?: number;
  maxAttempts?: number;
}

/** One random code. The random source is checked, so a broken one cannot produce an off-alphabet code. */
export function randomReferralCode(randomInt: RandomInt, length = DEFAULT_REFERRAL_CODE_LENGTH): string {
  if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`invalid code length ${length}`);
  let code = "";
  for (let i = 0; i < length; i++) {
    const n = randomInt(REFERRAL_CODE_ALPHABET.length);
    if (!Number.isSafeInteger(n) || n < 0 || n >= REFERRAL_CODE_ALPHABET.length) {
      throw new RangeError(`random source returned ${n}, outside [0, ${REFERRAL_CODE_ALPHABET.length})`);
    }
    code += REFERRAL_CODE_ALPHABET[n];
  }
  return code;
}

/**
 * §9 "a short referral code, unique in the shop (no look-alike characters)". Draws codes until
 * `isTaken` says one is free; gives up with `ReferralCodeExhaustedError` after `maxAttempts`. The
 * caller still inserts under the unique index, which settles a race between two generators.
 */
export function generateReferralCode(
  options: ReferralCodeOptions & { isTaken: (code: string) => boolean },
): string {
  const attempts = options.maxAttempts ?? DEFAULT_REFERRAL_CODE_ATTEMPTS;
  for (let i = 0; i < attempts; i++) {
    const code = randomReferralCode(options.randomInt, options.length);
    if (!options.isTaken(code)) return code;
  }
  throw new ReferralCodeExhaustedError(attempts);
}

/** The same, with an asynchronous `isTaken` (a database look-up). */
export async function generateReferralCodeAsync(
  options: ReferralCodeOptions & { isTaken: (code: string) => boolean | Promise<boolean> },
): Promise<string> {
  const attempts = options.maxAttempts ?? DEFAULT_REFERRAL_CODE_ATTEMPTS;
  for (let i = 0; i < attempts; i++) {
    const code = randomReferralCode(options.randomInt, options.length);
    if (!(await options.isTaken(code))) return code;
  }
  throw new ReferralCodeExhaustedError(attempts);
}

const CODE_PATTERN = new RegExp(`^[${REFERRAL_CODE_ALPHABET}]+$`);

/**
 * A code as typed or found in `?ref=`: trimmed and upper-cased, or null when it cannot be one of
 * ours (wrong characters or length). Rule chosen: look-alikes are not silently mapped — "0" could
 * be neither "O" nor anything in the alphabet, so such input is simply not a code.
 */
export function normalizeReferralCode(raw: string, length = DEFAULT_REFERRAL_CODE_LENGTH): string | null {
  const code = raw.trim().toUpperCase();
  return code.length === length && CODE_PATTERN.test(code) ? code : null;
}
