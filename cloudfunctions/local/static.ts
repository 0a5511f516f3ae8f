import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyHelmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import { sendApiNotFound } from './reply'

/** The hashes ('sha256-…') of the inline scripts of a page (Taro's H5 index.html sets the root font size inline). */
export function inlineScriptHashes(html: string): string[] {
  const scripts = html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)
  return [...scripts].map(([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`)
}

/**
 * The content security policy of the H5 build: its own scripts and the inline ones of its index.html (by hash),
 * its own styles plus the inline styles Taro's components set, images and fonts from here or data: / blob: URLs,
 * API calls to here and to the API base the build was made for. Nothing may frame it or be embedded in it.
 */
export function contentSecurityPolicy(indexHtml: string | null, apiBase?: string): Record<string, string[]> {
  const connect = ["'self'"]
  if (apiBase) connect.push(new URL(apiBase).origin)
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...(indexHtml ? inlineScriptHashes(indexHtml) : [])],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connect,
    'media-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  }
}

const NOT_FOUND_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>页面不存在 · 四单志愿服务</title></head>
<body style="font-family:sans-serif;text-align:center;padding:3em 1em;color:#333">
<h1>页面不存在</h1><p>您要找的页面不存在或已被移走。</p><p><a href="/">返回首页</a></p></body></html>`

export interface StaticOptions {
  /** the H5 build to serve at /, when present */
  staticDir?: string
  /** the origin the H5 build sends API calls to, when not this host (SIDAN_API_BASE) */
  apiBase?: string
}

/**
 * Security headers on every answer (@fastify/helmet; the content security policy above), the H5 build at / without
 * dotfiles (/.env, /.git/… answer 404), and a Chinese 404: an HTML page for a browser, the error envelope under /api/.
 * Register it before the routes, so that its headers reach them.
 */
export function registerSecurityAndStatic(app: FastifyInstance, opts: StaticOptions) {
  const dir = opts.staticDir && existsSync(path.join(opts.staticDir, 'index.html')) ? opts.staticDir : null
  const indexHtml = dir ? readFileSync(path.join(dir, 'index.html'), 'utf8') : null
  app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(indexHtml, opts.apiBase) },
    // HSTS belongs to whoever terminates TLS in front of the host (the host itself speaks plain HTTP)
    strictTransportSecurity: false,
  })
  if (dir) {
    app.register(fastifyStatic, { root: dir, prefix: '/', dotfiles: 'ignore' })
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<p>尚未构建H5页面：请运行 <code>npm start</code>（会先构建再启动）。</p>'),
    )
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url === '/api' || req.url.startsWith('/api/') || req.url.startsWith('/api?')) return sendApiNotFound(reply)
    return reply.status(404).type('text/html; charset=utf-8').send(NOT_FOUND_PAGE)
  })
}
