/**
 * Parsing the XML of a workbook part as it inflates (SAX: one element at a time, nothing kept but what the
 * handlers keep). One text or tag may run at most `MAX_XML_RUN_CHARS` characters without a break: the parser
 * holds a run whole until it ends, so a part of a gigabyte of spaces (a few kilobytes zipped) is refused after
 * its first mebibyte, not after it filled the memory.
 */
import { CalculatorError } from "@tijian/core"
import { SaxesParser, type SaxesTagPlain } from "saxes"
import { unreadableWorkbook } from "./zipParts.js"

/**
 * The longest text or tag read without a break, in characters: 1 MiB, far above Excel's own limit of 32,767
 * characters in a cell.
 */
export const MAX_XML_RUN_CHARS = 1024 * 1024

/** What a part's parse calls back, with element names stripped of any namespace prefix (`x:row` is `row`). */
export interface XmlHandlers {
  readonly open?: (name: string, attributes: Readonly<Record<string, string>>) => void
  readonly close?: (name: string) => void
  readonly text?: (text: string) => void
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1)

/** The refusal of a part with a run longer than `MAX_XML_RUN_CHARS`: a 413 like the other limits. */
const runTooLong = (part: string) => {
  const message =
    `${part} holds more than ${MAX_XML_RUN_CHARS / 1024 / 1024} MiB of text or markup without a break ` +
    "(Excel writes at most 32,767 characters in a cell): this is not a workbook Excel saved; open it in Excel and save it again; nothing was stored"
  return new CalculatorError({ reason: "too-large", message, problems: [{ file: part, message }] })
}

/** A parser of one part: write its text chunk by chunk, then end it. */
export interface XmlPartParser {
  readonly write: (chunk: string) => void
  readonly end: () => void
}

/**
 * A parser of the part named `part`, calling `handlers`. Malformed XML is a 400, a run over `MAX_XML_RUN_CHARS`
 * a `too-large` `CalculatorError`; both are thrown by the `write` that finds them.
 *
 * @example
 * const parser = xmlPartParser("xl/workbook.xml", { open: (name, attrs) => name === "sheet" && names.push(attrs.name!) })
 * for await (const chunk of zip.text("xl/workbook.xml")) parser.write(chunk)
 * parser.end()
 */
export const xmlPartParser = (part: string, handlers: XmlHandlers): XmlPartParser => {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true })
  let mark = 0
  let failure: ReturnType<typeof unreadableWorkbook> | undefined
  const { open, close, text } = handlers
  parser.on("opentag", (tag: SaxesTagPlain) => {
    mark = parser.position
    open?.(localName(tag.name), tag.attributes)
  })
  parser.on("closetag", (tag: SaxesTagPlain) => {
    mark = parser.position
    close?.(localName(tag.name))
  })
  parser.on("text", (t: string) => {
    mark = parser.position
    text?.(t)
  })
  parser.on("error", (e: Error) => {
    failure ??= unreadableWorkbook(`${part}: ${e.message}`)
  })
  const check = () => {
    if (failure !== undefined) throw failure
    if (parser.position - mark > MAX_XML_RUN_CHARS) throw runTooLong(part)
  }
  return {
    write: (chunk) => {
      // a chunk is written in slices so that a long run is caught soon after it passes the bound
      for (let at = 0; at < chunk.length; at += MAX_XML_RUN_CHARS / 4) {
        parser.write(chunk.slice(at, at + MAX_XML_RUN_CHARS / 4))
        check()
      }
    },
    end: () => {
      parser.close()
      check()
    },
  }
}
