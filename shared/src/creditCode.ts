const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Checks a unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the
 * 31-character set (no I, O, S, V, Z), registration-authority and type codes, and the
 * check character computed with the standard's weights modulo 31.
 * @param code the code as typed (spaces and lower case tolerated).
 * @returns whether it is a valid code.
 */
export function isValidCreditCode(code: string): boolean {
  const c = normalizeCreditCode(code);
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(c)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(c[i]) * WEIGHTS[i];
  const check = (31 - (sum % 31)) % 31;
  return CHARSET[check] === c[17];
}

/** Upper case, without spaces or dashes. */
export function normalizeCreditCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}

/** Masks a credit code for lists: 9136****XX. */
export function maskCreditCode(code: string): string {
  const c = normalizeCreditCode(code);
  return c.length < 6 ? "****" : `${c.slice(0, 4)}${"*".repeat(c.length - 6)}${c.slice(-2)}`;
}

/**
 * Computes the check character for the first 17 characters (used by tests and data fixes).
 * @param first17 the code without its last character.
 * @returns the check character.
 */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}
