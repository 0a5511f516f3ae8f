import type ExcelJS from 'exceljs'
import { once } from 'node:events'
import { createWriteStream, statSync } from 'node:fs'
import { EXPORTS } from '~core/config'
import { type Cell, csvLine, type Lookups, type SheetSpec, type Tabulation, tabulationOf } from '~core/exports'
import type { OrderStore, PeriodQuery } from '~core/ports'
import type { ExportFormat, ExportKind, Order, Page } from '~types'

/** Where rows go: one sheet after another, each opened with its header row. */
interface RowSink {
  open(sheet: SheetSpec): void
  row(cells: Cell[]): Promise<void>
  close(): Promise<void>
}

/**
 * exceljs's streaming writer: each row is committed (written out) at once, so memory stays flat. exceljs is loaded
 * here, on the first xlsx, not when the function starts: its 1 MB would otherwise be evaluated on every cold start.
 */
async function xlsxSink(file: string): Promise<RowSink> {
  const { default: excel } = await import('exceljs')
  const book = new excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false })
  let sheet: ExcelJS.Worksheet | null = null
  return {
    open(spec) {
      sheet?.commit()
      sheet = book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] })
      sheet.columns = spec.columns.map((c) => ({ width: c.width }))
      const header = sheet.addRow(spec.columns.map((c) => c.header))
      header.font = { bold: true }
      header.commit()
    },
    async row(cells) {
      sheet!.addRow(cells).commit()
    },
    async close() {
      sheet?.commit()
      await book.commit()
    },
  }
}

/** CSV in UTF-8 with a BOM (so Excel reads the Chinese right), CRLF lines; several sheets are sections one after another. */
function csvSink(file: string): RowSink {
  const out = createWriteStream(file)
  let sheets = 0
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  let pending: Promise<void> = write('\uFEFF')
  return {
    open(spec) {
      const title = sheets++ > 0 ? `\r\n【${spec.name}】\r\n` : ''
      pending = pending.then(() => write(title + csvLine(spec.columns.map((c) => c.header)) + '\r\n'))
    },
    async row(cells) {
      await pending
      await write(csvLine(cells) + '\r\n')
    },
    async close() {
      await pending
      out.end()
      await once(out, 'finish')
    },
  }
}

export interface WriteRequest {
  kind: ExportKind
  format: ExportFormat
  period: PeriodQuery
  lookups: Lookups
  points: Parameters<typeof tabulationOf>[3]
  /** the temporary file to write */
  file: string
}

/**
 * Writes the export to `file`, reading the period's orders from the store a page at a time (never the whole period in
 * memory): the 台账 and the orders sheet stream row by row; the volunteers and 14534 sheets keep only their tallies.
 * Answers the data rows written and the file's size.
 */
export async function writeExport(orders: OrderStore, req: WriteRequest): Promise<{ rows: number; bytes: number }> {
  const tab: Tabulation = tabulationOf(req.kind, req.period.unitId, req.lookups, req.points)
  const sink = req.format === 'xlsx' ? await xlsxSink(req.file) : csvSink(req.file)
  let rows = 0
  sink.open(tab.sheets[0])
  // the next page is asked for as soon as a page arrives, so reading (a network round trip on CloudBase) overlaps
  // writing the rows of the page in hand
  const read = (cursor?: string): Promise<Page<Order>> => orders.listPeriod(req.period, { cursor, limit: EXPORTS.pageSize })
  let pending: Promise<Page<Order>> | null = read()
  while (pending) {
    const page: Page<Order> = await pending
    pending = page.nextCursor ? read(page.nextCursor) : null
    for (const order of page.items) {
      for (const cells of tab.add(order)) {
        await sink.row(cells)
        rows++
      }
    }
  }
  const rest = tab.finish()
  for (let i = 0; i < tab.sheets.length; i++) {
    if (i > 0) sink.open(tab.sheets[i])
    for (const cells of rest[i] ?? []) {
      await sink.row(cells)
      rows++
    }
  }
  await sink.close()
  return { rows, bytes: statSync(req.file).size }
}
