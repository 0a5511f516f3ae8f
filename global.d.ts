/// <reference types="@tarojs/taro" />

/** WeChat Cloud Development environment id ('' = the default environment). Defined in config/index.ts. */
declare const CLOUD_ENV: string
/** H5 only: origin of the local host's /api ('' = same origin). Defined in config/index.ts. */
declare const API_BASE: string
/** weapp: subscribe-message template ids by template name, as JSON ({"orderProgress": "…"}). Defined in config/index.ts. */
declare const SUBSCRIBE_TEMPLATE_IDS: string

declare module '*.scss'
