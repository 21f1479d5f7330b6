import fc from "fast-check";
import { CreditCodeSchema, creditCodeCheckChar, isValidCreditCode, maskCreditCode, normalizeCreditCode } from "@lushan/shared";

const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const codeChar = fc.constantFrom(...CHARSET);
/** Valid codes: 2 characters, 6-digit area code, 9 characters of the organisation code, check character. */
const validCode = fc
  .tuple(fc.array(codeChar, { minLength: 2, maxLength: 2 }), fc.array(fc.constantFrom(..."0123456789"), { minLength: 6, maxLength: 6 }), fc.array(codeChar, { minLength: 9, maxLength: 9 }))
  .map(([head, area, org]) => {
    const first17 = [...head, ...area, ...org].join("");
    return first17 + creditCodeCheckChar(first17);
  });

describe("unified social credit code (GB 32100-2015)", () => {
  it("accepts published examples and refuses a changed check character", () => {
    for (const code of ["91350100M000100Y43", "91110000600037341L", "91360483MA35000000".slice(0, 17) + creditCodeCheckChar("91360483MA3500000")]) {
      expect(isValidCreditCode(code)).toBe(true);
    }
    expect(isValidCreditCode("91350100M000100Y44")).toBe(false);
    expect(isValidCreditCode("91350100M000100Y4")).toBe(false);
    expect(isValidCreditCode("")).toBe(false);
  });

  it("refuses the letters the standard leaves out (I, O, S, V, Z) and non-digit area codes", () => {
    for (const bad of ["I", "O", "S", "V", "Z"]) expect(isValidCreditCode(`9135010${bad}M000100Y43`)).toBe(false);
    expect(isValidCreditCode("9135A100M000100Y43")).toBe(false);
  });

  it("tolerates lower case, spaces and dashes as typed", () => {
    expect(normalizeCreditCode(" 9135 0100-m000 100y43 ")).toBe("91350100M000100Y43");
    expect(CreditCodeSchema.parse(" 91350100m000100y43")).toBe("91350100M000100Y43");
    expect(CreditCodeSchema.safeParse("91350100M000100Y44").success).toBe(false);
  });

  it("accepts every well-formed code with its check character (property)", () => {
    fc.assert(fc.property(validCode, (code) => isValidCreditCode(code) && isValidCreditCode(code.toLowerCase())));
  });

  it("detects every single-character substitution (property)", () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), codeChar, (code, i, c) => {
        fc.pre(code[i] !== c);
        return !isValidCreditCode(code.slice(0, i) + c + code.slice(i + 1));
      }),
    );
  });

  it("detects every swap of two adjacent different characters (property)", () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 16 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        return !isValidCreditCode(swapped);
      }),
    );
  });

  it("masks all but the first four and last two characters", () => {
    expect(maskCreditCode("91350100M000100Y43")).toBe("9135************43");
  });
});
