/**
 * The streamed body of a pushing writer: nothing runs until the body is read (HEAD), the writer waits for a slow
 * reader (at most one chunk ahead), and stops at its next write once the reader has gone.
 */
import { describe, expect, it } from "vitest"
import { ClientGone, pushedStream } from "../src/export/pushedStream.js"

/** A writer of five one-byte chunks (1..5) that records how far it got and how it ended. */
const fiveChunks = () => {
  const log = { written: 0, ended: "running" }
  const stream = pushedStream(async (sink) => {
    try {
      for (let i = 1; i <= 5; i++) {
        await sink.write(new Uint8Array([i]))
        log.written = i
      }
      log.ended = "done"
    } catch (e) {
      log.ended = e instanceof ClientGone ? "client gone" : String(e)
      throw e
    }
  })
  return { log, stream }
}

const tick = () => new Promise((r) => setTimeout(r, 5))

describe("pushedStream", () => {
  it("produces nothing until the body is read", async () => {
    const { log } = fiveChunks()
    await tick()
    expect(log).toEqual({ written: 0, ended: "running" })
  })

  it("gives every chunk in order to a reader that reads them all", async () => {
    const { log, stream } = fiveChunks()
    expect([...new Uint8Array(await new Response(stream).arrayBuffer())]).toEqual([1, 2, 3, 4, 5])
    expect(log).toEqual({ written: 5, ended: "done" })
  })

  it("keeps at most one chunk ahead of a slow reader, and stops when it goes away", async () => {
    const { log, stream } = fiveChunks()
    const reader = stream.getReader()
    expect((await reader.read()).value).toEqual(new Uint8Array([1]))
    await tick()
    // chunk 1 read, chunk 2 queued: the writer waits on it
    expect(log).toEqual({ written: 1, ended: "running" })
    await reader.cancel()
    await tick()
    expect(log).toEqual({ written: 1, ended: "client gone" })
  })
})
