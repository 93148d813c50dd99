/**
 * A response body fed by a writer that pushes bytes (the Parquet writer, a row group at a time). Nothing is
 * produced until the body is first read (a HEAD request, whose body is dropped unread, costs nothing); each
 * write waits while the reader is behind (back-pressure: a slow client does not make the server hold the whole
 * file); and once the reader has gone away the next write fails with `ClientGone`, which stops the writer.
 */
import type { ByteSink } from "./observationsParquet.js"

/** The reader cancelled the stream (the client disconnected): the writer should stop. */
export class ClientGone extends Error {
  override readonly name = "ClientGone"
}

/**
 * A `ReadableStream` whose bytes `produce` writes into the sink it is given; the stream closes when `produce`
 * resolves and errors (the connection is cut: a truncated file, never a complete-looking one) when it rejects.
 *
 * @example
 * return new Response(pushedStream((sink) => exp.writeTo(sink)), { headers: { "Content-Type": PARQUET_TYPE } })
 */
export const pushedStream = (produce: (sink: ByteSink) => Promise<unknown>): ReadableStream<Uint8Array> => {
  let started = false
  let gone = false
  let resume: (() => void) | undefined
  const wake = () => {
    resume?.()
    resume = undefined
  }
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        wake()
        if (started) return
        started = true
        const sink: ByteSink = {
          write: async (bytes) => {
            if (gone) throw new ClientGone("the client went away")
            controller.enqueue(bytes)
            if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((r) => (resume = r))
            if (gone) throw new ClientGone("the client went away")
          },
        }
        produce(sink).then(
          () => !gone && controller.close(),
          (e: unknown) => !gone && controller.error(e),
        )
      },
      cancel() {
        gone = true
        wake()
      },
    },
    { highWaterMark: 1 },
  )
}
