import { hash, verify } from "@node-rs/argon2";

/** Argon2id with the library's defaults (m=19 MiB, t=2), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * Checks a password against a stored hash; a malformed hash counts as a mismatch.
 * @param stored the argon2 hash.
 * @param password the candidate.
 * @returns whether they match.
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real check when the username does not exist, so response timing
 * does not reveal which usernames are valid.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hash("not-a-real-password-0");
  await verifyPassword(await dummyHash, password);
}
