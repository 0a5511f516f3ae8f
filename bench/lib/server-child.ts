/** Child process entry of spawnServers: starts the servers on BENCH_DB, reports their URLs, closes on 'close'. */
import { startServers } from './servers'

async function main() {
  const servers = await startServers(process.env.BENCH_DB!)
  process.send!({ hostUrl: servers.hostUrl, bareUrl: servers.bareUrl })
  process.on('message', async (msg) => {
    if (msg !== 'close') return
    await servers.close()
    process.exit(0)
  })
  // the parent went away without saying so: do not linger
  process.on('disconnect', () => process.exit(0))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
