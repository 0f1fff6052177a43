/** Staff password hashing (argon2id). Clients and providers never have passwords: they use OTP. */
import argon2 from "argon2";

/** argon2's defaults (64 MiB, 3 passes, 4 lanes): about 0.3 s of CPU per hash or check on a 2-core machine. */
let options: argon2.HashOptions & { raw?: false } = { type: argon2.argon2id };

/**
 * The test suite hashes and checks hundreds of passwords and one-time codes, which at the
 * defaults cost minutes of CPU: its workers switch to argon2id's cheapest parameters. A check
 * reads the parameters from the hash, so either kind verifies. Nothing in the app calls this.
 */
export function useCheapHashingInTests(): void {
  options = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 };
}

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, options);
}

export async function verifyPassword(hash: string | null | undefined, plain: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

// A real hash to verify against when the email is unknown, so timing does not reveal which emails exist.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("not-a-real-password-" + Math.random());
  return dummy;
}
