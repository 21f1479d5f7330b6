import Taro from "@tarojs/taro";

/**
 * Reads a JSON value kept in local storage (wx storage on weapp, localStorage on H5).
 * Storage can be full, disabled or hold values from an older version: any failure reads as absent.
 * @param key the storage key.
 * @returns the stored value, or undefined.
 */
export function readStored<T>(key: string): T | undefined {
  try {
    const raw: unknown = Taro.getStorageSync(key);
    if (raw === "" || raw === undefined || raw === null) return undefined;
    return (typeof raw === "string" ? JSON.parse(raw) : raw) as T;
  } catch {
    return undefined;
  }
}

/**
 * Stores a JSON value; undefined removes it. Failures are ignored: nothing here is worth breaking a page for.
 * @param key the storage key.
 * @param value the value to keep.
 */
export function writeStored<T>(key: string, value: T | undefined): void {
  try {
    if (value === undefined) Taro.removeStorageSync(key);
    else Taro.setStorageSync(key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable (private browsing): the value lives for this session only.
  }
}
