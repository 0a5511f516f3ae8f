import Taro from '@tarojs/taro'
import { create } from 'zustand'

/** Storage key of the person's display preferences on this phone. */
export const PREFS_KEY = 'sidan.prefs'

interface Prefs {
  /** 大字模式: larger text and tap targets on every page */
  largeText: boolean
}

function readPrefs(): Prefs {
  try {
    const stored: unknown = Taro.getStorageSync(PREFS_KEY)
    return { largeText: (stored as Partial<Prefs> | null)?.largeText === true }
  } catch {
    return { largeText: false }
  }
}

export interface PrefsState extends Prefs {
  setLargeText: (on: boolean) => void
}

export const usePrefs = create<PrefsState>()((set) => ({
  ...readPrefs(),
  setLargeText(largeText) {
    set({ largeText })
    try {
      Taro.setStorageSync(PREFS_KEY, { largeText })
    } catch {
      // storage full or unavailable: the switch still works until the app closes
    }
  },
}))
