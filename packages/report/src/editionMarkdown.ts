/**
 * A published edition as Markdown: the report's Markdown (from the stored JSON), with the edition line under
 * its title and, when known, whether a later edition supersedes it.
 */
import type { Editions, Lang } from "@tijian/core"
import { editionLabels, editionPhrases } from "./editionLabels.js"
import { lead } from "./labels.js"
import { mdText } from "./markdownText.js"
import { reportMarkdown } from "./reportMarkdown.js"
import type { ReportView } from "./ReportView.js"

/**
 * The edition as Markdown. `successor`: the next edition (superseded), null (the latest), undefined (say neither).
 *
 * @example
 * editionMarkdown(view, edition1, "en", { edition: 2, publishedAt: "2024-03-01T00:00:00.000Z" })
 * // "# Yangtze River Delta: annual check-up 2022\n\nEdition: edition 1, published ...\n\n> Superseded by edition 2, ..."
 */
export const editionMarkdown = (
  view: ReportView,
  edition: Editions.EditionInfo,
  lang: Lang,
  successor?: { readonly edition: number; readonly publishedAt: string } | null,
): string => {
  const [title = "", ...rest] = reportMarkdown(view, lang).split("\n")
  const line = `${lead(editionLabels.edition[lang], lang)}${mdText(editionPhrases.published(edition.edition, edition.publishedAt, edition.publishedBy)[lang])}`
  const notice =
    successor === undefined
      ? []
      : [successor ? `> ${mdText(editionPhrases.supersededBy(successor.edition, successor.publishedAt)[lang])}` : `> ${mdText(editionPhrases.isLatest(edition.edition)[lang])}`, ""]
  return [title, "", line, "", ...notice, ...rest.slice(rest[0] === "" ? 1 : 0)].join("\n")
}
