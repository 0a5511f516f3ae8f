import Taro from '@tarojs/taro'

/** Storage keys of the forms' drafts on this phone: `sidan.draft.<form>:<target>`. */
const PREFIX = 'sidan.draft.'
/** The storage key that lists every draft kept, so signing out can forget them all (address, phone). */
const INDEX_KEY = 'sidan.drafts'

function index(): string[] {
  try {
    const keys: unknown = Taro.getStorageSync(INDEX_KEY)
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : []
  } catch {
    return []
  }
}

function writeIndex(keys: string[]): void {
  try {
    if (keys.length) Taro.setStorageSync(INDEX_KEY, keys)
    else Taro.removeStorageSync(INDEX_KEY)
  } catch {
    // storage full or unavailable: drafts are a kindness, never a condition
  }
}

export function draftKey(form: string, target: string): string {
  return `${PREFIX}${form}:${target || '-'}`
}

export function readDraft<T extends object>(key: string): Partial<T> | null {
  try {
    const saved: unknown = Taro.getStorageSync(key)
    return saved && typeof saved === 'object' ? (saved as Partial<T>) : null
  } catch {
    return null
  }
}

export function saveDraft(key: string, values: object): void {
  try {
    Taro.setStorageSync(key, values)
    const keys = index()
    if (!keys.includes(key)) writeIndex([...keys, key])
  } catch {
    // as above
  }
}

export function removeDraft(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // as above
  }
  const keys = index()
  if (keys.includes(key)) writeIndex(keys.filter((k) => k !== key))
}

/** Signing out: this phone keeps no one's words, address or phone for the next person. */
export function clearDrafts(): void {
  for (const key of index()) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // as above
    }
  }
  writeIndex([])
}
