import { useEffect, useState } from 'react'
import { usePullDownRefresh } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { roleOf } from '~src/lib/roles'
import * as catalog from '~src/services/catalog'
import * as social from '~src/services/social'
import { toApiCallError } from '~src/services/transport'
import type { OrgUnit, Theme } from '~types'
import type { WallItem } from '~types/social'
import RateSheet from './RateSheet'
import { signedIn } from './signIn'
import WallCard from './WallCard'
import './index.scss'

interface Filters {
  units: OrgUnit[]
  themes: Theme[]
}

function Chips<T extends { id: string; name: string }>({ label, all, items, value, onChange }: { label: string; all: string; items: T[]; value: string; onChange: (id: string) => void }) {
  return (
    <View className='wall__chips' role='radiogroup' aria-label={label}>
      {[{ id: '', name: all }, ...items].map((it) => (
        <Text key={it.id || 'all'} className={`wall__chip${it.id === value ? ' wall__chip--on' : ''}`} {...roleOf('radio', { on: it.id === value })} onClick={() => onChange(it.id)}>
          {it.name}
        </Text>
      ))}
    </View>
  )
}

/**
 * 公示栏 (issue 11): served orders of a unit and below, newest first, for everyone (on H5 without signing in too,
 * read only); filters by unit and theme; each card with its photos, 群众评分 and 社会评分 apart, 点赞 and 评分.
 */
export default function Wall() {
  const canAct = signedIn()
  const [unitId, setUnitId] = useState('')
  const [themeId, setThemeId] = useState('')
  const [items, setItems] = useState<WallItem[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [more, setMore] = useState<{ busy: boolean; error: string }>({ busy: false, error: '' })
  const [rating, setRating] = useState<WallItem | null>(null)
  const filters = useLoad<Filters>(() => Promise.all([catalog.tree(), catalog.themes()]).then(([units, themes]) => ({ units, themes })))
  const page = useLoad(() => social.wall({ ...(unitId ? { unitId } : {}), ...(themeId ? { themeId } : {}) }))
  const { reload } = page

  useEffect(() => {
    void filters.reload()
  }, [filters.reload])
  useEffect(() => {
    void reload()
  }, [unitId, themeId, reload])
  useEffect(() => {
    if (page.data) {
      setItems(page.data.items)
      setCursor(page.data.nextCursor)
    }
  }, [page.data])
  usePullDownRefresh(() => void reload())

  const patch = (orderId: string, change: Partial<WallItem>) => setItems((list) => list.map((i) => (i.orderId === orderId ? { ...i, ...change } : i)))
  const loadMore = async () => {
    if (!cursor || more.busy) return
    setMore({ busy: true, error: '' })
    try {
      const next = await social.wall({ ...(unitId ? { unitId } : {}), ...(themeId ? { themeId } : {}), cursor })
      setItems((list) => [...list, ...next.items])
      setCursor(next.nextCursor)
      setMore({ busy: false, error: '' })
    } catch (err) {
      setMore({ busy: false, error: toApiCallError(err).message })
    }
  }
  // the center first, then its 所 and 站 in tree order
  const units = (filters.data?.units ?? []).filter((u) => u.level !== 'center')

  return (
    <Screen className='wall'>
      <View className='card'>
        <Text className='wall__intro'>已完成的志愿服务在这里公示，欢迎点赞和评分（社会评分与群众评分分开显示）。</Text>
        {!canAct && <Text className='muted'>登录后可点赞、评分</Text>}
        {filters.data && (
          <>
            <Chips label='单位' all='全县' items={units} value={unitId} onChange={setUnitId} />
            <Chips label='服务主题' all='全部主题' items={filters.data.themes} value={themeId} onChange={setThemeId} />
          </>
        )}
      </View>
      {rating && (
        <RateSheet
          orderId={rating.orderId}
          title={rating.title}
          myRating={rating.myRating ?? null}
          onRated={(a) => patch(a.orderId, { publicAvg: a.publicAvg, publicCount: a.publicCount, myRating: a.myRating.stars })}
          onClose={() => setRating(null)}
        />
      )}
      <StateView status={page.status} error={page.error} onRetry={() => void reload()} empty={items.length === 0} emptyText='暂无公示的服务' emptyHint='服务完成后会在这里公示'>
        {items.map((item) => (
          <WallCard key={item.orderId} item={item} signedIn={canAct} onLiked={(a) => patch(a.orderId, { likes: a.likes, liked: a.liked })} onRate={() => setRating(item)} />
        ))}
        {cursor && (
          <Button className='btn' disabled={more.busy} onClick={() => void loadMore()}>
            {more.busy ? '加载中…' : '加载更多'}
          </Button>
        )}
        {more.error && (
          <View className='field-error' role='alert'>
            {more.error}
          </View>
        )}
      </StateView>
    </Screen>
  )
}
