import Taro from '@tarojs/taro'

/**
 * The colours of every Taro.showModal's buttons: Taro H5 paints 确定 #3CC51F (2.3:1 on white, unreadable for many),
 * so every call gets the civic red and the body text of styles/tokens.scss ($color-brand 5.9:1, $color-text
 * 16:1 on white) unless it says otherwise.
 */
export const MODAL_COLORS = { confirmColor: '#C8102E', cancelColor: '#1F1F1F' } as const

type ShowModal = typeof Taro.showModal

let original: ShowModal | null = null

/** Installed once from app.ts, for every page and every call, including those still to be written. */
export function installModalColors(): void {
  if (original) return
  const show: ShowModal = Taro.showModal.bind(Taro)
  original = show
  Taro.showModal = ((options: Parameters<ShowModal>[0] = {}) => show({ ...MODAL_COLORS, ...options })) as ShowModal
}
