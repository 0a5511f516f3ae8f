import Taro from '@tarojs/taro'

/** Where this phone keeps the resident's own address and phone for the next order (never a proxy's clients'). */
export const CONTACT_KEY = 'sidan.placeContact'

export interface RememberedContact {
  address: string
  phone: string
}

export function rememberedContact(): RememberedContact | null {
  try {
    const kept = Taro.getStorageSync(CONTACT_KEY) as Partial<RememberedContact> | ''
    if (!kept || typeof kept !== 'object') return null
    return { address: typeof kept.address === 'string' ? kept.address : '', phone: typeof kept.phone === 'string' ? kept.phone : '' }
  } catch {
    return null
  }
}

export function rememberContact(contact: RememberedContact): void {
  try {
    Taro.setStorageSync(CONTACT_KEY, contact)
  } catch {
    // a full or blocked storage only means retyping next time
  }
}

export function forgetContact(): void {
  try {
    Taro.removeStorageSync(CONTACT_KEY)
  } catch {
    // nothing kept
  }
}
