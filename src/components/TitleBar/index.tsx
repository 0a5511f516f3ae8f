import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { ROUTES } from '../../routes'
import './index.scss'

/** The page title the H5 router keeps in document.title (each page's navigationBarTitleText, or setNavigationBarTitle). */
function pageTitle(): string {
  return typeof document === 'undefined' ? '' : document.title
}

/** Where the bar's button leads: back one page, home when this page is the first one opened, nowhere on home or login. */
function wayBack(): 'back' | 'home' | null {
  let depth = 0
  try {
    depth = Taro.getCurrentPages().length
  } catch {
    return null // no router (a page mounted on its own, as in the page tests)
  }
  if (depth > 1) return 'back'
  const path = Taro.getCurrentInstance()?.router?.path ?? ''
  return path.includes(ROUTES.home.slice(1)) || path.includes(ROUTES.login.slice(1)) ? null : 'home'
}

/**
 * H5 only (Screen shows it there; WeChat draws its own bar): the page's title and a way back, since a browser or a
 * self-hosted county's own page has no WeChat bar. It follows document.title, which the router sets for the page
 * on screen (pages further down the stack are hidden, so each bar showing the latest title is right when seen).
 */
export default function TitleBar() {
  const [title, setTitle] = useState(pageTitle)
  const [back, setBack] = useState<'back' | 'home' | null>(null)

  const refresh = () => {
    setTitle(pageTitle())
    setBack(wayBack())
  }

  useDidShow(refresh)

  useEffect(() => {
    refresh()
    if (typeof MutationObserver === 'undefined' || !document.head) return
    const observer = new MutationObserver(() => setTitle(pageTitle()))
    observer.observe(document.head, { childList: true, subtree: true, characterData: true })
    return () => observer.disconnect()
  }, [])

  const leave = () => {
    if (back === 'back') void Taro.navigateBack()
    else void Taro.reLaunch({ url: ROUTES.home })
  }

  return (
    <View className='title-bar' role='banner'>
      {back ? (
        <Button className='title-bar__back' aria-label={back === 'back' ? '返回上一页' : '回到首页'} onClick={leave}>
          {back === 'back' ? '‹ 返回' : '‹ 首页'}
        </Button>
      ) : (
        <View className='title-bar__spacer' />
      )}
      <View className='title-bar__title' role='heading' aria-level={1}>
        {title}
      </View>
      <View className='title-bar__spacer' />
    </View>
  )
}
