/** The 服务地点 a completion starts from: the order's address up to its village or community (苏溪镇滩尾村), else all of it. */
export function villageOf(address: string): string {
  const m = address.match(/^.*?(村|社区|居委会|分场|农场)/)
  return (m ? m[0] : address).trim().slice(0, 100)
}
