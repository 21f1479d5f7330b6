import { useRouter } from "@tarojs/taro";

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A lone "%" in an already-decoded value: keep it as it is.
    return value;
  }
}

/**
 * The page's URL parameters, decoded (Taro hands them over still percent-encoded on H5).
 * @returns parameter name → value.
 */
export function usePageParams(): Record<string, string> {
  const params = useRouter().params;
  const decoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string") decoded[key] = decode(value);
  }
  return decoded;
}
