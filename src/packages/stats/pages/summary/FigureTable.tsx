import { Text, View } from '@tarojs/components'

export interface Column<R> {
  title: string
  cell: (row: R) => string | number
}

interface Props<R> {
  caption: string
  columns: Array<Column<R>>
  rows: R[]
  /** a tappable row (drill down), with what a screen reader hears */
  onRow?: (row: R) => void
  rowHint?: string
  /** which column takes the room (default the first: names; 'last' for a column of sentences) */
  wide?: 'first' | 'last'
}

/** The figures of a chart as a plain table, under every chart: for 大字模式 and screen readers. */
export default function FigureTable<R>({ caption, columns, rows, onRow, rowHint, wide = 'first' }: Props<R>) {
  return (
    <View className={`figure-table figure-table--wide-${wide}`} role='table' aria-label={caption}>
      <View className='figure-table__row figure-table__head' role='row'>
        {columns.map((c) => (
          <View key={c.title} className='figure-table__cell' role='columnheader'>
            <Text>{c.title}</Text>
          </View>
        ))}
      </View>
      {rows.map((row, i) => (
        <View
          key={i}
          className={`figure-table__row${onRow ? ' figure-table__row--tap' : ''}`}
          role='row'
          aria-label={onRow ? rowHint : undefined}
          onClick={onRow ? () => onRow(row) : undefined}
        >
          {columns.map((c) => (
            <View key={c.title} className='figure-table__cell' role='cell'>
              <Text>{String(c.cell(row))}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
