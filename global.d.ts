/// <reference types="@tarojs/taro" />

/** WeChat Cloud Development environment id ('' = the default environment). Defined in config/index.ts. */
declare const CLOUD_ENV: string
/** H5 only: origin of the local host's /api ('' = same origin). Defined in config/index.ts. */
declare const API_BASE: string

declare module '*.scss'
